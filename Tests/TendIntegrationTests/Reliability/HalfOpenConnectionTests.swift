import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension ReliabilitySuite {
    /// Bad input, connections: 200 connections to the control socket, each holding a partial request line, kept open
    /// for 20 s while the real `tend status` runs again and again. Every status must answer. The figure is
    /// 100 ms, which the measured median meets when the machine is not shared (it is printed for the README: 25–28 ms
    /// on the debug build); asserted are bounds that hold on a loaded 2-core CI machine, where a daemon that the held
    /// connections did block would still fail them: a median within 500 ms and each run within 2 s. It runs inside
    /// `ReliabilitySuite`, so not beside the suite's CPU-heavy parts.
    @Suite struct HalfOpenConnectionTests {
        static let connections = 200
        static let hold: Duration = .seconds(
            ProcessInfo.processInfo.environment["TEND_HALF_OPEN_SECONDS"].flatMap { Int64($0) } ?? 20)

        @Test func twoHundredHalfOpenConnectionsHeld20SecondsLeaveStatusAnswering() async throws {
            let fixture = try DaemonFixture(
                programs: """
                    [program:idle]
                    command = /bin/sleep 3600
                    startsecs = 0
                    """)
            defer { fixture.tearDown() }
            try fixture.start()
            let pid = try #require(fixture.daemonPID)

            var held: [FuzzSocket] = []
            for index in 0..<Self.connections {
                let socket = try FuzzSocket(.unix(fixture.socketPath), timeout: 10)
                let partial = [
                    "GET /api/v1/progr", "POST /RPC2 HTTP/1.1\r\nContent-Le", "G", "GET / HTTP/1.1\r\nHost: x\r\n",
                ]
                let bytes = Array(partial[index % partial.count].utf8)
                #expect(socket.send(bytes) == bytes.count)
                held.append(socket)
            }
            let latencies = try await Self.offThread { () throws -> [Double] in
                var latencies: [Double] = []
                let end = ContinuousClock.now + Self.hold
                while ContinuousClock.now < end {
                    let started = ContinuousClock.now
                    let result = try fixture.tend(["status"], timeout: 10)
                    let elapsed = started.duration(to: .now)
                    latencies.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                    guard result.status == 0, result.stdout.contains("idle") else {
                        throw DaemonFixtureError(
                            description: "tend status failed while connections were held: \(result)")
                    }
                }
                return latencies
            }
            // The held connections are still there: finishing one request line gets its answer.
            var answered = 0
            var outcomes: [String] = []
            for (index, socket) in held.enumerated() where index % 4 == 0 {
                socket.send(Array("ams HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
                let outcome = socket.outcome()
                if case .answered(200) = outcome { answered += 1 } else { outcomes.append("\(outcome)") }
            }
            held.removeAll()

            let sorted = latencies.sorted()
            let median = sorted[sorted.count / 2]
            let maximum = sorted.last ?? 0
            print(
                "half-open: \(Self.connections) connections held \(Self.hold); tend status ran \(sorted.count) times, "
                    + "median \(Int(median * 1000)) ms, max \(Int(maximum * 1000)) ms; "
                    + "\(answered) of \(Self.connections / 4) completed requests answered 200 afterwards")
            #expect(sorted.count >= 20)
            #expect(median <= 0.5, "median \(median) s")
            #expect(maximum <= 2, "max \(maximum) s")
            #expect(answered == Self.connections / 4, "held connections not answered: \(outcomes.prefix(5))")
            #expect(fixture.daemonPID == pid && isAlive(pid))
        }

        static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try body() }) }.start()
            }
        }
    }
}
