import Synchronization

extension Mutex where Value == Reactor.Token? {
    /// The token held, leaving `nil` in its place: whoever takes it removes the watch or timer, once.
    func take() -> Reactor.Token? {
        withLock { value in
            defer { value = nil }
            return value
        }
    }
}
