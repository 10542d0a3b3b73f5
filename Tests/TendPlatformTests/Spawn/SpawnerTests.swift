import Foundation
import Testing

@testable import TendPlatform

#if canImport(Glibc)
    import Glibc
#endif

@Suite(.serialized)
struct SpawnerTests {
    func run(_ options: SpawnOptions) throws -> TendPlatform.ExitStatus {
        let child = try Spawner.spawn(options)
        defer { child.close() }
        var pollFD = pollfd(fd: child.pidfd, events: Int16(POLLIN), revents: 0)
        _ = poll(&pollFD, 1, 10_000)
        return try #require(child.reap())
    }

    @Test func extraDescriptorIsPassedAtItsTargetNumberAndOthersAreClosed() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var options = SpawnOptions(
            executable: "/bin/sh", arguments: ["/bin/sh", "-c", "echo progress >&3; ls /proc/self/fd | wc -l >&3"],
            environment: [])
        options.extraDescriptors = [(source: fds[1], target: 3)]
        #expect(try run(options) == .exited(0))
        close(fds[1])
        let output = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        let lines = output.split(separator: "\n")
        #expect(lines.first == "progress")
        // 0, 1, 2, 3 and the directory `ls` opened.
        #expect(Int(lines.last!.trimmingCharacters(in: .whitespaces))! <= 5)
    }

    /// With many descriptors open in the parent (a daemon with hundreds of programs), a child still starts with only
    /// its own (the parent's table is not what it inherits), and no end of the child's pipes stays open in the
    /// parent: once the parent closes its write end, the read end sees the end of the output.
    @Test func aChildGetsOnlyItsDescriptorsAndTheParentKeepsNoEndOfItsPipes() throws {
        let crowd = (0..<300).map { _ in open("/dev/null", O_RDONLY | O_CLOEXEC) }
        defer { crowd.forEach { close($0) } }
        for round in 0..<3 {
            var fds: [Int32] = [-1, -1]
            #expect(pipe(&fds) == 0)
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            var options = SpawnOptions(
                executable: "/bin/sh", arguments: ["/bin/sh", "-c", "echo round \(round); ls /proc/self/fd | wc -l"],
                environment: [])
            options.standardOutput = fds[1]
            options.standardError = fds[1]
            #expect(try run(options) == .exited(0))
            close(fds[1])
            let output = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
            close(fds[0])
            let lines = output.split(separator: "\n")
            #expect(lines.first.map(String.init) == "round \(round)")
            // 0, 1, 2 and the directory `ls` opened.
            #expect(Int(lines.last!.trimmingCharacters(in: .whitespaces))! <= 4, "\(output)")
        }
    }

    @Test func execFailureAndBadDirectoryAreReportedAsSupervisordWordsThem() throws {
        var options = SpawnOptions(executable: "/bin/true", arguments: ["/bin/true"], environment: [])
        options.directory = "/no/such/dir"
        #expect(throws: SpawnError.self) { try Spawner.spawn(options) }
        do { _ = try Spawner.spawn(options) } catch {
            #expect(error.message == "couldn't chdir to /no/such/dir: ENOENT")
        }
        #expect(throws: SpawnError.self) { try ExecutableLookup.resolve("no-such-program", path: "/bin") }
        #expect(throws: SpawnError.self) { try ExecutableLookup.resolve("/etc/passwd", path: nil) }
    }

    @Test func childStartsWithDefaultSignalDispositionsAndItsOwnUmask() throws {
        signal(SIGUSR1, SIG_IGN)
        defer { signal(SIGUSR1, SIG_DFL) }
        var options = SpawnOptions(
            executable: "/bin/sh", arguments: ["/bin/sh", "-c", "grep SigIgn /proc/self/status; umask"], environment: []
        )
        options.umask = 0o027
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        options.standardOutput = fds[1]
        #expect(try run(options) == .exited(0))
        close(fds[1])
        let output = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        close(fds[0])
        #expect(output.contains("SigIgn:\t0000000000000000"), "\(output)")
        #expect(output.contains("0027"))
    }
}
