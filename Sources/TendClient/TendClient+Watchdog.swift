extension TendClient {
    /// Runs a request while checking, every `patience`, that the daemon still answers at all: a request that waits on
    /// purpose (`start` until RUNNING, `stop` until stopped) goes on, while one to a daemon that is stopped (SIGSTOP)
    /// or stuck fails with `.unresponsive` instead of hanging. The check is a `GET /api/v1/daemon` that must answer
    /// (any status) within `patience`.
    func watched<T: Sendable>(
        _ label: String, _ work: @escaping @Sendable () async throws(ClientError) -> T
    ) async throws(ClientError) -> T {
        guard let patience = responsePatience else { return try await work() }
        let result = await withTaskGroup(of: Result<T, ClientError>?.self) { group in
            group.addTask {
                do throws(ClientError) { return .success(try await work()) } catch { return .failure(error) }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: patience)
                    if Task.isCancelled { return nil }
                    if await !self.answers(within: patience) {
                        return .failure(
                            ClientError(
                                .unresponsive,
                                "the daemon at \(self.endpoint) accepts connections but has not answered \(label) and does not answer a status request within \(patience): it is stopped (SIGSTOP) or stuck; 'tend processes' lists it and 'tend kill' ends it with everything it started"
                            ))
                    }
                }
                return nil
            }
            var outcome: Result<T, ClientError>?
            while outcome == nil, let next = await group.next() { outcome = next }
            group.cancelAll()
            return outcome!
        }
        return try result.get()
    }

    /// Whether the daemon gives any answer to `GET /api/v1/daemon` within `limit`.
    func answers(within limit: Duration) async -> Bool {
        let unwatched = TendClient(
            endpoint: endpoint, credentials: credentials, connectTimeout: limit, responsePatience: nil)
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do throws(ClientError) {
                    _ = try await unwatched.get("/api/v1/daemon")
                    return true
                } catch {
                    return error.kind == .server || error.kind == .unauthorized
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return Task.isCancelled ? nil : false
            }
            var answer: Bool?
            while answer == nil, let next = await group.next() { answer = next }
            group.cancelAll()
            return answer ?? false
        }
    }
}
