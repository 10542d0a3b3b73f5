import Synchronization

/// What a method may ask of the HTTP request it runs in: work to do once the answer is written,
/// such as stopping the daemon after `shutdown` has said `true`.
final class XMLRPCCallContext: Sendable {
    private let actions = Mutex<[@Sendable () async -> Void]>([])

    init() {}

    /// Runs `action` after the answer has been sent (or, when no answer can be sent, after the attempt).
    func afterResponse(_ action: @escaping @Sendable () async -> Void) {
        actions.withLock { $0.append(action) }
    }

    /// Takes the actions registered so far, in order.
    func takeActions() -> [@Sendable () async -> Void] {
        actions.withLock { actions in
            defer { actions.removeAll() }
            return actions
        }
    }
}
