import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Bad input, requests: thousands of malformed HTTP, XML-RPC and JSON requests (see `FuzzRequests`), written as raw
/// bytes to one real daemon over its unix socket and its TCP port. The daemon must stay up (same pid, `tend
/// status` answers), answer every HTTP-framed request with a 4xx (only bytes that are not HTTP at all may get a
/// close without an answer), and give its memory back: RSS after the run within 10 % of RSS after a warm-up.
///
/// Reproducible: `TEND_FUZZ_SEED` replaces the fixed seed (and `TEND_FUZZ_REQUESTS` the count); a failure names the
/// request's category and number.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct RequestFuzzTests {
    static let seed: UInt64 =
        ProcessInfo.processInfo.environment["TEND_FUZZ_SEED"].flatMap { UInt64($0) }
        ?? 0x7E4D_4E57_2026_1207
    static let requests = ProcessInfo.processInfo.environment["TEND_FUZZ_REQUESTS"].flatMap { Int($0) } ?? 5_000
    static let warmUpRequests = 1_000
    static let bigBodies = 10
    /// How long one request may go unanswered (and unclosed) before it counts as a hang.
    static let requestDeadline: TimeInterval = 10
    /// How long one worker's run may take in all (it takes seconds).
    static let runBudget: Duration = .seconds(120)

    /// What a run saw, by category.
    struct Tally: Sendable {
        var sent = 0
        var statuses: [Int: Int] = [:]
        var closedWithoutAnswer: [String: Int] = [:]
        var failures: [String] = []

        mutating func merge(_ other: Tally) {
            sent += other.sent
            statuses.merge(other.statuses, uniquingKeysWith: +)
            closedWithoutAnswer.merge(other.closedWithoutAnswer, uniquingKeysWith: +)
            failures += other.failures
        }

        var summary: String {
            let codes = statuses.keys.sorted().map { "\($0): \(statuses[$0]!)" }.joined(separator: ", ")
            let closed = closedWithoutAnswer.keys.sorted().map { "\($0): \(closedWithoutAnswer[$0]!)" }
                .joined(separator: ", ")
            return "\(sent) sent; statuses {\(codes)}; closed without an answer {\(closed)}"
        }
    }

    @Test func fiveThousandMalformedRequestsGetA4xxAndLeaveTheDaemonUpWithItsMemory() async throws {
        let port = try freeLoopbackPort()
        let fixture = try DaemonFixture(
            programs: """
                [inet_http_server]
                port = 127.0.0.1:\(port)

                [program:idle]
                command = /bin/sleep 3600
                startsecs = 0

                [task:echo]
                command = /bin/cat
                """)
        defer { fixture.tearDown() }
        try fixture.start()
        let pid = try #require(fixture.daemonPID)
        let unix = FuzzAddress.unix(fixture.socketPath)
        let tcp = FuzzAddress.tcp(port)

        // Warm-up: the same kinds of requests (another seed) in the same shape (two clients and big bodies at once,
        // so that as many event-loop threads and allocator arenas are in use), so that what stays is in place.
        let warmUp = try await Self.runConcurrently(
            seed: Self.seed ^ 0xAAAA, requests: Self.warmUpRequests, bigBodies: 4, unix, tcp)
        let before = try #require(residentKiB(of: pid))

        let started = ContinuousClock.now
        let tally = try await Self.runConcurrently(
            seed: Self.seed, requests: Self.requests, bigBodies: Self.bigBodies, unix, tcp)
        let elapsed = started.duration(to: .now)
        let peak = residentKiB(of: pid) ?? 0

        // Memory: back within 10 % of the warmed-up figure, waited for up to a deadline (allocators give pages back
        // lazily), checked as it changes rather than after a fixed sleep.
        let deadline = ContinuousClock.now + .seconds(20)
        var after = peak
        while ContinuousClock.now < deadline {
            after = residentKiB(of: pid) ?? 0
            if Double(after) <= Double(before) * 1.10 { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let settled = started.duration(to: .now) - elapsed

        print(
            "request fuzz (seed \(Self.seed)): \(tally.summary); \(tally.failures.count) failures; "
                + "took \(elapsed); daemon RSS \(before) KiB after warm-up, \(peak) KiB at the end of the run, "
                + "\(after) KiB after settling (\(settled))")
        #expect(tally.sent == Self.requests + Self.bigBodies)
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(20).joined(separator: "\n"))")
        #expect(warmUp.failures.isEmpty, "\(warmUp.failures.prefix(10).joined(separator: "\n"))")
        #expect(fixture.daemonPID == pid && isAlive(pid), "the daemon died:\n\(fixture.log)")
        let status = try fixture.tend(["status"])
        #expect(status.status == 0 && status.stdout.contains("idle"), "\(status)")
        #expect(
            Double(after) <= Double(before) * 1.10,
            "daemon RSS \(after) KiB after the run, \(before) KiB before it (more than 10 % up)")
    }

    // MARK: - Running

    /// Two clients sending `requests` between them, and a third sending `bigBodies`, at once.
    static func runConcurrently(
        seed: UInt64, requests: Int, bigBodies: Int, _ unix: FuzzAddress, _ tcp: FuzzAddress
    ) async throws -> Tally {
        try await withThrowingTaskGroup(of: Tally.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    try await Self.offThread { Self.run(seed: seed &+ UInt64(worker), count: requests / 2, unix, tcp) }
                }
            }
            group.addTask { try await Self.offThread { Self.runBigBodies(seed: seed, count: bigBodies, unix) } }
            var tally = Tally()
            for try await part in group { tally.merge(part) }
            return tally
        }
    }

    /// Sends `count` requests of a generator seeded with `seed`, one connection each.
    static func run(seed: UInt64, count: Int, _ unix: FuzzAddress, _ tcp: FuzzAddress) -> Tally {
        var generator = FuzzRequests(seed: seed)
        var tally = Tally()
        let budget = ContinuousClock.now + runBudget
        for index in 0..<count {
            // Each request has its deadline; the whole run has one too, so a daemon that answers every request
            // just before its deadline still ends the test in bounded time.
            guard ContinuousClock.now < budget else {
                tally.failures.append("seed \(seed): the run took over \(runBudget); stopped after \(index) requests")
                break
            }
            let request = generator.next()
            send(request, to: request.overTCP ? tcp : unix, label: "seed \(seed) request \(index)", into: &tally)
        }
        return tally
    }

    static func runBigBodies(seed: UInt64, count: Int, _ unix: FuzzAddress) -> Tally {
        var generator = FuzzRequests(seed: seed ^ 0xB16)
        var tally = Tally()
        for index in 0..<count {
            send(generator.bigBody(), to: unix, label: "seed \(seed) big body \(index)", into: &tally)
        }
        return tally
    }

    static func send(_ request: FuzzRequest, to address: FuzzAddress, label: String, into tally: inout Tally) {
        tally.sent += 1
        let where_ = "\(label) (\(request.category), \(request.bytes.count) bytes, \(address))"
        let socket: FuzzSocket
        do {
            socket = try FuzzSocket(address, timeout: requestDeadline)
        } catch {
            tally.failures.append("\(where_): \(error)")
            return
        }
        socket.send(request.bytes)
        if request.kind == .garbage { socket.finishWriting() }
        switch socket.outcome() {
        case .answered(let status):
            tally.statuses[status, default: 0] += 1
            if !(400..<500).contains(status) {
                tally.failures.append("\(where_): answered \(status): \(preview(request.bytes))")
            }
        case .closed:
            tally.closedWithoutAnswer[request.category, default: 0] += 1
            if request.kind == .http {
                tally.failures.append("\(where_): closed without an answer: \(preview(request.bytes))")
            }
        case .unreadable(let text):
            tally.failures.append("\(where_): an answer that is not HTTP: \(text)")
        case .timedOut:
            tally.failures.append("\(where_): no answer within \(requestDeadline) s: \(preview(request.bytes))")
        }
    }

    /// The first bytes of a request, printable.
    static func preview(_ bytes: [UInt8]) -> String {
        String(
            decoding: bytes.prefix(160).map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
    }

    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
