import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads every child's output pipes as data arrives (one dispatch read source per pipe, all on one
/// serial queue that shares one read buffer) and hands the bytes to the stream's `ProcessOutput`.
/// Idle pipes cost nothing; a pipe is closed when the last writer (child or grandchild) closes it.
final class OutputPump: Sendable {
    private let queue = DispatchQueue(label: "tend.output")
    /// The one read buffer: only touched on `queue`, whose handlers never run concurrently.
    private nonisolated(unsafe) let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    deinit {
        buffer.deallocate()
    }

    /// Starts reading `fd` (the read end of a pipe, non-blocking) into `output`; takes ownership of `fd`.
    func attach(fd: Int32, to output: ProcessOutput) {
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        let buffer = self.buffer
        source.setEventHandler {
            while true {
                let count = read(fd, buffer.baseAddress!, buffer.count)
                if count > 0 {
                    output.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                    if count < buffer.count { return }
                } else if count == 0 {
                    source.cancel()
                    source.setEventHandler(handler: nil)  // breaks the handler -> source cycle
                    return
                } else {
                    if errno == EINTR { continue }
                    if errno != EAGAIN {
                        source.cancel()
                        source.setEventHandler(handler: nil)
                    }
                    return
                }
            }
        }
        source.setCancelHandler { close(fd) }
        source.activate()
    }
}
