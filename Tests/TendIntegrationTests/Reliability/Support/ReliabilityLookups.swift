import Foundation

/// Looks jobs up one by one (`GET /api/v1/jobs/ID`), from several threads.
enum ReliabilityLookups {
    /// The ids the daemon does not know (any answer but 200).
    static func missing(_ ids: [String], socket: String, clients: Int) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            let share = (ids.count + clients - 1) / max(clients, 1)
            for start in stride(from: 0, to: ids.count, by: max(share, 1)) {
                let slice = Array(ids[start..<min(start + share, ids.count)])
                group.addTask {
                    try await withCheckedThrowingContinuation { continuation in
                        Thread {
                            continuation.resume(
                                with: Result {
                                    try slice.filter {
                                        try UnixHTTP.request(socket, "GET", "/api/v1/jobs/\($0)").status != 200
                                    }
                                })
                        }.start()
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
