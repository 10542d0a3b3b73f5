import Dispatch

/// The one serial queue on which every job process's pipes, pidfd and timers are handled, with the read buffer
/// they share (handlers on a serial queue never run at once).
final class JobIO: Sendable {
    let queue = DispatchQueue(label: "tend.jobs.io")
    /// Only touched on `queue`.
    nonisolated(unsafe) let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    deinit {
        buffer.deallocate()
    }
}
