import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The output of one `tend` command.
struct CommandResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// A temp directory with a config file, and the `tend` binary to drive a daemon on it.
/// Every process it started is ended by `tearDown()` (by pid, from the daemon's pidfile and records).
final class DaemonFixture: @unchecked Sendable {
    let directory: String
    let configPath: String
    let socketPath: String
    let pidfile: String

    /// The `tend` executable built beside the test bundle.
    static let tendBinary: String = {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("tend").path
    }()

    /// Creates the directory and writes `[unix_http_server]`, `[supervisord]` and `[supervisorctl]`
    /// sections for it, followed by `programs` (config text).
    init(programs: String, extraDaemonSettings: String = "") throws {
        directory = try Self.makeTemporaryDirectory()
        socketPath = directory + "/tend.sock"
        pidfile = directory + "/tend.pid"
        configPath = directory + "/supervisord.conf"
        try writeConfig(programs: programs, extraDaemonSettings: extraDaemonSettings)
    }

    func writeConfig(programs: String, extraDaemonSettings: String = "") throws {
        let text = """
            [unix_http_server]
            file = \(socketPath)

            [supervisord]
            logfile = \(directory)/tend.log
            pidfile = \(pidfile)
            childlogdir = \(directory)
            nodaemon = true
            \(extraDaemonSettings)

            [supervisorctl]
            serverurl = unix://\(socketPath)

            \(programs)
            """
        try text.write(toFile: configPath, atomically: false, encoding: .utf8)
    }

    static func makeTemporaryDirectory() throws -> String {
        var template = Array("/tmp/tend-it-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return String(cString: made)
    }

    /// Runs `tend ARGS` to completion (with `-c` for this config first unless `withConfig` is false).
    @discardableResult
    func tend(_ arguments: [String], withConfig: Bool = true, timeout: TimeInterval = 60) throws -> CommandResult {
        try Self.run(Self.tendBinary, (withConfig ? ["-c", configPath] : []) + arguments, timeout: timeout)
    }

    /// `tend(_:)` on a thread of its own, for a command that takes seconds (a start that waits, a daemon that does
    /// not answer): the test waits without holding one of Swift concurrency's threads, which are as many as the
    /// cores and shared by every test running at the time (two blocked ones stall them all).
    func tendOffThread(_ arguments: [String], timeout: TimeInterval = 60) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.tend(arguments, timeout: timeout) }) }.start()
        }
    }

    /// Runs a program to completion and captures its output.
    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes fully before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            group.wait()
        }
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the daemon in the background (`tend up --detach`) and returns once it serves requests.
    func start(_ extra: [String] = []) throws {
        let result = try tend(["up", "--detach"] + extra)
        guard result.status == 0 else {
            throw DaemonFixtureError(description: "tend up --detach failed: \(result)\nlog:\n\(log)")
        }
    }

    /// The daemon's pid from its pidfile.
    var daemonPID: Int32? {
        (try? String(contentsOfFile: pidfile, encoding: .utf8)).flatMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The daemon's log.
    var log: String { (try? String(contentsOfFile: directory + "/tend.log", encoding: .utf8)) ?? "" }

    /// `status` parsed as name → (state, pid).
    func states() throws -> [String: (state: String, pid: Int32?)] {
        var result: [String: (String, Int32?)] = [:]
        for line in try tend(["status"]).lines {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2 else { continue }
            var pid: Int32?
            if let at = fields.firstIndex(of: "pid"), at >= 2, at + 1 < fields.count {
                pid = Int32(fields[at + 1].trimmingCharacters(in: [","]))
            }
            result[String(fields[0])] = (String(fields[1]), pid)
        }
        return result
    }

    /// Waits (bounded) until `status` shows `name` in `state`.
    func waitForState(_ name: String, _ state: String, timeout: Duration = .seconds(15)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try states()[name]?.state == state { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonFixtureError(description: "\(name) never reached \(state): \(try tend(["status"]))\nlog:\n\(log)")
    }

    /// Waits (bounded) until the daemon's log holds `text` `count` times.
    func waitForLog(_ text: String, count: Int = 1, timeout: Duration = .seconds(15)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if log.components(separatedBy: text).count - 1 >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonFixtureError(description: "the log never held '\(text)' \(count) times:\n\(log)")
    }

    /// The lines of a file in the fixture's directory (none when it does not exist).
    func lines(of name: String) -> [String] {
        ((try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n").map(
            String.init)
    }

    /// One request to the daemon's socket; every status comes back with its body.
    func http(_ method: String, _ path: String, _ body: String? = nil) throws -> HTTPAnswer {
        try UnixHTTP.request(socketPath, method, path, body: body.map { Array($0.utf8) })
    }

    /// Asks `GET path` until `done` accepts the answer (bounded), and returns that answer.
    func waitForAnswer(
        _ path: String, timeout: Duration = .seconds(15), until done: (HTTPAnswer) -> Bool
    ) async throws -> HTTPAnswer {
        let deadline = ContinuousClock.now + timeout
        var answer = try http("GET", path)
        while !done(answer), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(30))
            answer = try http("GET", path)
        }
        guard done(answer) else {
            throw DaemonFixtureError(description: "GET \(path) never settled: \(answer)\nlog:\n\(log)")
        }
        return answer
    }

    /// Ends the daemon and every child it recorded, then removes the directory.
    func tearDown() {
        if let pid = daemonPID, isAlive(pid) {
            _ = try? tend(["down"], timeout: 20)
        }
        if let pid = daemonPID, isAlive(pid) { kill(pid, SIGKILL) }
        _ = try? tend(["kill"], timeout: 10)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

struct DaemonFixtureError: Error, CustomStringConvertible {
    var description: String
}

/// True when `pid` exists and is not a zombie.
func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}
