import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The write end of a child's stdin pipe (non-blocking). `write` hands the kernel what fits at once
/// and queues the rest, which a dispatch write source flushes when the pipe has room: a child that does
/// not read its stdin (a busy event listener, a program ignoring `sendProcessStdin`) never blocks the
/// supervisor, and nothing accepted is dropped while the child lives.
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

    private struct State {
        var fd: Int32
        var pending: [UInt8] = []
        var source: DispatchSourceWrite?
        var sourceRunning = false
        var closed = false
    }

    /// The most bytes that may wait for the child to read.
    let maxPending: Int
    private let state: Mutex<State>
    private static let queue = DispatchQueue(label: "tend.stdin-writer")

    /// Takes ownership of `fd`, which must be non-blocking; `close()` closes it.
    init(fd: Int32, maxPending: Int = 8 << 20) {
        self.maxPending = maxPending
        state = Mutex(State(fd: fd))
    }

    deinit {
        close()
    }

    /// Writes `bytes` after anything already queued.
    func write(_ bytes: [UInt8]) -> WriteResult {
        state.withLock { state in
            guard !state.closed else { return .closed }
            guard state.pending.isEmpty else {
                guard state.pending.count + bytes.count <= maxPending else { return .full }
                state.pending += bytes
                return .accepted
            }
            guard let offset = Self.writeAvailable(bytes, to: &state) else { return .closed }
            guard offset < bytes.count else { return .accepted }
            guard bytes.count - offset <= maxPending else { return .full }
            state.pending = Array(bytes[offset...])
            armSource(&state)
            return .accepted
        }
    }

    /// Closes the pipe (the child sees end of file); anything still queued is dropped with it.
    func close() {
        state.withLock { Self.shut(&$0) }
    }

    /// Bytes waiting for the child to read (for tests and diagnostics).
    var pendingCount: Int {
        state.withLock { $0.pending.count }
    }

    private func armSource(_ state: inout State) {
        if state.source == nil {
            let source = DispatchSource.makeWriteSource(fileDescriptor: state.fd, queue: Self.queue)
            let fd = state.fd
            source.setEventHandler { [weak self] in self?.flush() }
            source.setCancelHandler { systemClose(fd) }
            state.source = source
        }
        if !state.sourceRunning {
            state.sourceRunning = true
            state.source?.resume()
        }
    }

    private func flush() {
        state.withLock { state in
            guard !state.closed else { return }
            let pending = state.pending
            guard let offset = Self.writeAvailable(pending, to: &state) else { return }
            state.pending.removeFirst(offset)
            if state.pending.isEmpty, state.sourceRunning {
                state.sourceRunning = false
                state.source?.suspend()
            }
        }
    }

    /// Writes as much of `bytes` as the pipe takes now.
    /// - Returns: how many bytes were written, or `nil` when the pipe is closed (it is then shut).
    private static func writeAvailable(_ bytes: [UInt8], to state: inout State) -> Int? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer {
                systemWrite(state.fd, $0.baseAddress! + offset, bytes.count - offset)
            }
            if written >= 0 {
                offset += written
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN {
                break
            } else {
                shut(&state)
                return nil
            }
        }
        return offset
    }

    /// Marks the pipe closed and closes the descriptor: through the source's cancel handler when there is
    /// a source (a suspended source must be resumed before it is cancelled), directly otherwise.
    private static func shut(_ state: inout State) {
        guard !state.closed else { return }
        state.closed = true
        state.pending = []
        if let source = state.source {
            if !state.sourceRunning { source.resume() }
            source.cancel()
            state.source = nil
        } else {
            systemClose(state.fd)
        }
    }
}

/// libc's `write` and `close`, named apart from `StdinWriter`'s own methods.
private func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, bytes, count)
}

private func systemClose(_ fd: Int32) {
    _ = close(fd)
}
