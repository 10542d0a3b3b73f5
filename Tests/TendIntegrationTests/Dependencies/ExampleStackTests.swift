import Foundation
import Testing

/// The service-set examples run as written (only their ports moved, so that tests never clash): everything comes
/// up in dependency order, and a restart of a dependency takes its dependants down and up with it.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ExampleStackTests {
    /// A copy of `examples/NAME` in a temp directory, with each port of `ports` replaced by a free one.
    static func copyExample(_ name: String, ports: [String]) throws -> (directory: String, ports: [String: String]) {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples/\(name)")
        let directory = try DaemonFixture.makeTemporaryDirectory() + "/" + name
        try FileManager.default.copyItem(atPath: source.path, toPath: directory)
        var moved: [String: String] = [:]
        let base = FreePorts.consecutive(ports.count)
        for (index, port) in ports.enumerated() { moved[port] = String(base + index) }
        let files = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".conf") {
            let path = directory + "/" + file
            var text = try String(contentsOfFile: path, encoding: .utf8)
            for (old, new) in moved { text = text.replacingOccurrences(of: old, with: new) }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return (directory, moved)
    }

    func spawnOrder(_ log: String) -> [String] {
        log.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "spawned: '") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "'" })
        }
    }

    @Test func theStableConfigsStackStartsRedisThenCeleryOnceRedisAnswersPingThenGunicorn() async throws {
        let (example, _) = try Self.copyExample("stableconfigs-stack", ports: ["6379"])
        defer { try? FileManager.default.removeItem(atPath: (example as NSString).deletingLastPathComponent) }
        let daemon = try DaemonFixture(programs: "[include]\nfiles = \(example)/conf.d/*.conf\n")
        defer { daemon.tearDown() }
        try daemon.start()
        for name in ["redis", "celery", "gunicorn"] { try await daemon.waitForState(name, "RUNNING") }
        let status = try daemon.tend(["status"])
        #expect(status.status == 0, "\(status)")
        #expect(
            status.stdout.range(of: #"redis\s+RUNNING \(healthy\)"#, options: .regularExpression) != nil, "\(status)")
        #expect(spawnOrder(daemon.log) == ["redis", "celery", "gunicorn"], "\(daemon.log)")
        let healthy = try #require(daemon.log.range(of: "health: 'redis' is healthy"))
        let celery = try #require(daemon.log.range(of: "spawned: 'celery'"))
        #expect(healthy.lowerBound < celery.lowerBound)
    }

    @Test func thePhagescanServicesComeUpInOrderAndARestartOfTheBrokerCyclesTheWorkers() async throws {
        let (example, _) = try Self.copyExample("phagescan", ports: ["5672", "5432", "9000"])
        defer { try? FileManager.default.removeItem(atPath: (example as NSString).deletingLastPathComponent) }
        let text = try String(contentsOfFile: example + "/tend.conf", encoding: .utf8)
        let programs = String(text[text.range(of: "; RabbitMQ, the broker")!.lowerBound...])
        let daemon = try DaemonFixture(programs: programs.replacingOccurrences(of: "%(here)s", with: example))
        defer { daemon.tearDown() }
        try daemon.start()
        try await daemon.waitForState("celerycam", "RUNNING", timeout: .seconds(30))
        try await daemon.waitForState("django", "RUNNING")
        let order = spawnOrder(daemon.log)
        let position = { (name: String) in order.firstIndex(of: name) ?? -1 }
        #expect(position("migrate") > max(position("postgres"), position("rabbitmq")), "\(order)")
        for later in ["django", "celery-master", "celery-results", "celery-periodic"] {
            #expect(position(later) > position("migrate"), "\(later) in \(order)")
        }
        #expect(position("celerycam") == order.count - 1, "\(order)")
        #expect(try daemon.states()["migrate"]?.state == "EXITED")

        let restart = try await daemon.tendOffThread(["restart", "rabbitmq"])
        #expect(restart.status == 0, "\(restart)")
        #expect(
            restart.lines.first == "celerycam: stopped" && restart.lines.contains("rabbitmq: started"), "\(restart)")
        #expect(!restart.stdout.contains("ERROR"), "\(restart)")
        try await daemon.waitForState("celerycam", "RUNNING")
        #expect(try daemon.states()["django"]?.state == "RUNNING")
    }
}
