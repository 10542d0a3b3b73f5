import Foundation

extension DaemonFixture {
    /// `start()` on a thread of its own (a `tend up` that cleans up after a killed daemon takes seconds).
    func startOffThread(_ extra: [String] = []) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            Thread { continuation.resume(with: Result { try self.start(extra) }) }.start()
        }
    }

    /// `states()` on a thread of its own.
    func statesOffThread() async throws -> [String: (state: String, pid: Int32?)] {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.states() }) }.start()
        }
    }

    /// Waits (bounded) until `status` shows `count` programs in `state`, and returns their pids by name.
    func waitForPrograms(
        _ count: Int, in state: String = "RUNNING", timeout: Duration = .seconds(60)
    ) async throws -> [String: Int32] {
        let deadline = ContinuousClock.now + timeout
        var last: [String: (state: String, pid: Int32?)] = [:]
        while ContinuousClock.now < deadline {
            last = try await statesOffThread()
            let matching = last.filter { $0.value.state == state && $0.value.pid != nil }
            if matching.count >= count { return matching.compactMapValues(\.pid) }
            try await Task.sleep(for: .milliseconds(200))
        }
        let counts = Dictionary(grouping: last.values, by: \.state).mapValues(\.count)
        throw DaemonFixtureError(description: "never \(count) programs \(state): \(counts)\nlog:\n\(log.suffix(3000))")
    }
}
