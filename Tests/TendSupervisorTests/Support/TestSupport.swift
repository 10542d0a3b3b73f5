import Foundation
import Logging
import TendAPI
import TendConfig
import TendPlatform
import Testing

@testable import TendSupervisor

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh temporary directory for one test, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/tend-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = made.map { String(cString: $0) } ?? "/tmp/tend-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) {
        let fd = open(file(name), O_WRONLY | O_CREAT | O_TRUNC, 0o755)
        var text = text
        text.withUTF8 { _ = Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    func read(_ name: String) -> String {
        ProcStat.readLargeFile(file(name)) ?? ""
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A program spec running `script` with /bin/sh, logging into `directory`.
func shellProgram(_ name: String, _ script: String, in directory: TemporaryDirectory, group: String? = nil)
    -> ProgramSpec
{
    var spec = ProgramSpec(
        name: name, groupName: group ?? name, command: "/bin/sh -c '\(script)'", arguments: ["/bin/sh", "-c", script])
    spec.stdoutLog = LogSpec(destination: .file(directory.file("\(name).out")))
    spec.stderrLog = LogSpec(destination: .file(directory.file("\(name).err")))
    spec.startSecs = 0
    spec.stopWaitSecs = 2
    return spec
}

/// A configuration holding one group per spec (or the given groups).
func configuration(_ specs: [ProgramSpec], in directory: TemporaryDirectory) -> Configuration {
    var daemon = DaemonSettings(workingDirectory: directory.path, temporaryDirectory: directory.path)
    daemon.childlogdir = directory.path
    let grouped = Dictionary(grouping: specs, by: \.groupName)
    let groups = grouped.keys.sorted().map { name in
        GroupSpec(name: name, priority: 999, kind: .program, programs: grouped[name]!)
    }
    return Configuration(path: directory.file("tend.conf"), daemon: daemon, groups: groups)
}

/// A supervisor for `specs`, activated (no subreaper: tests share one process).
func makeSupervisor(
    _ specs: [ProgramSpec], in directory: TemporaryDirectory, records: Bool = false, stripAnsi: Bool = false
) throws -> Supervisor {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    var configuration = configuration(specs, in: directory)
    configuration.daemon.stripAnsi = stripAnsi
    return try Supervisor(
        configuration: configuration,
        options: SupervisorOptions(
            environment: ["PATH": "/usr/bin:/bin"], serverURL: nil,
            childRecordsPath: records ? directory.file("children") : nil, becomeSubreaper: false),
        logger: logger)
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Waits (event-driven) until the process `name` satisfies `test`; fails after `timeout`.
@discardableResult
func waitFor(
    _ supervisor: Supervisor, _ name: String, timeout: Duration = .seconds(15),
    _ what: String = "condition", _ test: @escaping @Sendable (ProcessStatus) -> Bool
) async throws -> ProcessStatus {
    let events = await supervisor.events()
    if let status = try await supervisor.statuses([name]).first, test(status) { return status }
    return try await withThrowingTaskGroup(of: ProcessStatus.self) { group in
        group.addTask {
            for await event in events {
                if case .processStateChanged = event, let status = try await supervisor.statuses([name]).first,
                    test(status)
                {
                    return status
                }
            }
            throw TimedOut(description: "event stream ended")
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            let now = try await supervisor.statuses([name]).first
            throw TimedOut(
                description: "\(name): \(what) not reached within \(timeout); now \(String(describing: now))")
        }
        let result = try await group.next()!
        group.cancelAll()
        return result
    }
}

/// True when `pid` is alive (zombies count as gone).
func isAlive(_ pid: Int32) -> Bool {
    guard let text = ProcStat.readSmallFile("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else {
        return false
    }
    let state = text[text.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}
