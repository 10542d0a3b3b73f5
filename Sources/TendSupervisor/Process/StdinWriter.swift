import Synchronization
import TendPlatform

/// The write end of a child's stdin pipe (non-blocking). `write` hands the kernel what fits at once
/// and queues the rest, which the `Reactor` flushes when the pipe has room: a child that does not read its
/// stdin (a busy event listener, a program ignoring `sendProcessStdin`) never blocks the supervisor, and nothing
/// accepted is dropped while the child lives.
///
/// At most `maxPending` bytes wait; beyond that `write` refuses (`.full`) rather than grow without bound.
final class StdinWriter: Sendable {
    /// What `write` did with the bytes.
    enum WriteResult: Equatable {
        /// Written, or queued to be written in order.
        case accepted
        /// The pipe is closed: the child exited or closed its stdin.
        case closed
        /// Too much is already waiting for a child that does not read.
        case full
    }

    /// The most bytes that may wait for the child to read.
    let maxPending: Int
    private let channel: Channel

    /// Takes ownership of `fd`, which must be non-blocking; `close()` closes it.
    init(fd: Int32, maxPending: Int = 8 << 20, reactor: Reactor = .shared) {
        self.maxPending = maxPending
        channel = Channel(fd: fd, reactor: reactor)
    }

    deinit {
        close()
    }

    /// Writes `bytes` after anything already queued.
    func write(_ bytes: [UInt8]) -> WriteResult {
        channel.write(bytes, maxPending: maxPending)
    }

    /// Closes the pipe (the child sees end of file); anything still queued is dropped with it.
    func close() {
        channel.shut()
    }

    /// Bytes waiting for the child to read (for tests and diagnostics).
    var pendingCount: Int {
        channel.pendingCount
    }
}

/// The descriptor and its queue, shared by the writer and the reactor's watch (which outlives the writer until
/// it is removed, before the descriptor is closed).
private final class Channel: Sendable {
    private struct State {
        var fd: Int32
        var pending: [UInt8] = []
        /// A writable watch was asked of the reactor (it may not be registered yet).
        var armed = false
        var watch: Reactor.Token?
        var closed = false
    }

    private let reactor: Reactor
    private let state: Mutex<State>

    init(fd: Int32, reactor: Reactor) {
        self.reactor = reactor
        state = Mutex(State(fd: fd))
    }

    var pendingCount: Int { state.withLock { $0.pending.count } }

    func write(_ bytes: [UInt8], maxPending: Int) -> StdinWriter.WriteResult {
        let (result, closeLater) = state.withLock { state -> (StdinWriter.WriteResult, Bool) in
            guard !state.closed else { return (.closed, false) }
            guard state.pending.isEmpty else {
                guard state.pending.count + bytes.count <= maxPending else { return (.full, false) }
                state.pending += bytes
                return (.accepted, false)
            }
            guard let offset = Self.writeAvailable(bytes, to: state.fd) else {
                return (.closed, markClosed(&state, onReactor: false))
            }
            guard offset < bytes.count else { return (.accepted, false) }
            guard bytes.count - offset <= maxPending else { return (.full, false) }
            state.pending = Array(bytes[offset...])
            if !state.armed {
                state.armed = true
                reactor.execute { [self] in startWatching() }
            }
            return (.accepted, false)
        }
        if closeLater { closeOnReactor() }
        return result
    }

    /// Marks the pipe closed; anything queued is dropped.
    func shut() {
        let closeLater = state.withLock { markClosed(&$0, onReactor: false) }
        if closeLater { closeOnReactor() }
    }

    /// Closes the descriptor now when no watch may exist (returns false), else says that the reactor must
    /// remove the watch first (returns true). On the reactor thread it removes the watch itself.
    private func markClosed(_ state: inout State, onReactor: Bool) -> Bool {
        guard !state.closed else { return false }
        state.closed = true
        state.pending = []
        if onReactor || !state.armed {
            if let watch = state.watch { reactor.remove(watch) }
            state.watch = nil
            Descriptor.close(state.fd)
            return false
        }
        return true
    }

    private func closeOnReactor() {
        reactor.execute { [self] in
            state.withLock { state in
                if let watch = state.watch { reactor.remove(watch) }
                state.watch = nil
                Descriptor.close(state.fd)
            }
        }
    }

    /// Reactor thread: registers the writable watch, unless the pipe was closed or drained meanwhile.
    private func startWatching() {
        state.withLock { state in
            guard !state.closed, state.watch == nil else { return }
            state.watch = reactor.watch(state.fd, writable: true) { [self] in flush() }
            if state.watch == nil { _ = markClosed(&state, onReactor: true) }
        }
    }

    /// Reactor thread: writes what the pipe takes; stops watching once the queue is empty.
    private func flush() {
        state.withLock { state in
            guard !state.closed else { return }
            guard let offset = Self.writeAvailable(state.pending, to: state.fd) else {
                _ = markClosed(&state, onReactor: true)
                return
            }
            state.pending.removeFirst(offset)
            if state.pending.isEmpty {
                if let watch = state.watch { reactor.remove(watch) }
                state.watch = nil
                state.armed = false
            }
        }
    }

    /// Writes as much of `bytes` as the pipe takes now.
    /// - Returns: how many bytes were written, or `nil` when the pipe is closed.
    private static func writeAvailable(_ bytes: [UInt8], to fd: Int32) -> Int? {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes {
                Descriptor.write(fd, from: UnsafeRawBufferPointer(rebasing: $0[offset...]))
            }
            switch result {
            case .bytes(let written): offset += written
            case .wouldBlock: return offset
            case .endOfFile, .failed: return nil
            }
        }
        return offset
    }
}
