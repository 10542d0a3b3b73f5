import Foundation
import Testing

/// A job store that cannot be opened stops `tend up` with a message saying why; nothing is left running.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct JobStoreStartupTests {
    @Test func aSecondDaemonOnTheSameDatabaseIsRefused() throws {
        let first = try DaemonFixture(programs: "[task:t]\ncommand = /bin/cat\n")
        defer { first.tearDown() }
        try first.start()
        let second = try DaemonFixture(
            programs: "[tend]\ndata_directory = \(first.directory)\n\n[task:t]\ncommand = /bin/cat\n")
        defer { second.tearDown() }
        let refused = try second.tend(["up", "--detach"])
        #expect(refused.status == 1, "\(refused)")
        #expect(
            refused.stderr.contains("couldn't open the job store: the job database is in use by another process"),
            "\(refused)")
        #expect(try first.http("POST", "/task", "{}").status == 202, "the first daemon still serves")
    }

    @Test func anUnreachablePostgresServerOrAMissingDirectoryIsReported() throws {
        let unreachable = try DaemonFixture(programs: "[tend]\njob_store = postgres://tend@127.0.0.1:1/tend\n")
        defer { unreachable.tearDown() }
        let result = try unreachable.tend(["up", "--detach"])
        #expect(result.status == 1 && result.stderr.contains("couldn't open the job store"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: unreachable.socketPath))
        #expect(!FileManager.default.fileExists(atPath: unreachable.pidfile), "nothing is left behind")

        let missing = try DaemonFixture(
            programs: "[tend]\ndata_directory = /no/such/dir\n\n[task:t]\ncommand = /bin/cat\n")
        defer { missing.tearDown() }
        let failed = try missing.tend(["up", "--detach"])
        #expect(failed.status == 1 && failed.stderr.contains("/no/such/dir/tend-jobs.sqlite"), "\(failed)")
    }
}
