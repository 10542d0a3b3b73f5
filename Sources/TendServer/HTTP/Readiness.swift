import Synchronization

/// Counts bound listeners and calls `onReady` when the last one is bound.
final class Readiness: Sendable {
    private let remaining: Mutex<Int>
    private let onReady: @Sendable () async -> Void

    init(listeners: Int, onReady: @escaping @Sendable () async -> Void) {
        remaining = Mutex(listeners)
        self.onReady = onReady
    }

    func listenerBound() async {
        let isLast = remaining.withLock { count in
            count -= 1
            return count == 0
        }
        if isLast { await onReady() }
    }
}
