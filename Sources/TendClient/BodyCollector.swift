import NIOConcurrencyHelpers

/// Accumulates the pieces of a response body handed over by the connection's task.
final class BodyCollector: Sendable {
    private let storage = NIOLockedValueBox<[UInt8]>([])

    func append(_ bytes: [UInt8]) {
        storage.withLockedValue { $0 += bytes }
    }

    var bytes: [UInt8] { storage.withLockedValue { $0 } }
}
