import Foundation
import JobTestSupport
import PostgresNIO
import TendJobsPostgres

/// The PostgreSQL server the tests use: `TEND_TEST_POSTGRES_URL` when set (the test command starts one), else a
/// throwaway server started once per test process with `scripts/postgres-server` and stopped when it exits.
actor PostgresTestServer {
    static let shared = PostgresTestServer()

    private var started: Result<PostgresURL, any Error>?

    /// The server's URL (its maintenance database); starts the server on first use when no URL is given.
    func url() throws -> PostgresURL {
        if let started { return try started.get() }
        let result = Result { try Self.findOrStart() }
        started = result
        return try result.get()
    }

    private static func findOrStart() throws -> PostgresURL {
        if let text = ProcessInfo.processInfo.environment["TEND_TEST_POSTGRES_URL"], !text.isEmpty {
            return try PostgresURL(parsing: text)
        }
        let directory = TemporaryDirectory(prefix: "tend-pg-server")
        let output = try runScript(["start", directory.path, "postgres"])
        ownServerDirectory = strdup(directory.path)
        atexit(stopOwnServer)
        return try PostgresURL(parsing: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `scripts/postgres-server` of the repository this test file is in.
    static var scriptPath: String {
        let resolved =
            realpath(#filePath, nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            } ?? #filePath
        var url = URL(fileURLWithPath: resolved)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("scripts/postgres-server").path
    }

    /// Runs the script with `arguments` and returns its stdout. Spawned and waited for by pid (not with
    /// Foundation's `Process`, whose exit monitoring does not return here), stdout through a file.
    @discardableResult
    static func runScript(_ arguments: [String]) throws -> String {
        let output = TemporaryDirectory(prefix: "tend-pg-script")
        defer { output.cleanUp() }
        let outputPath = output.file("stdout")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ["/bin/bash", scriptPath] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw ServerScriptFailed(description: "couldn't run \(scriptPath): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = output.read("stdout")
        guard status == 0 else {
            throw ServerScriptFailed(
                description: "\(scriptPath) \(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return text
    }
}

/// The directory of the server this process started, for the exit handler.
nonisolated(unsafe) private var ownServerDirectory: UnsafeMutablePointer<CChar>?

/// Stops the server this process started (an `atexit` handler: tests leave no server behind).
private func stopOwnServer() {
    guard let directory = ownServerDirectory else { return }
    _ = try? PostgresTestServer.runScript(["stop", String(cString: directory)])
    try? FileManager.default.removeItem(atPath: String(cString: directory))
}

struct ServerScriptFailed: Error, CustomStringConvertible {
    var description: String
}
