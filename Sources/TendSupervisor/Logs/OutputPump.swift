import TendPlatform

/// Reads every child's output pipes as data arrives (one watch per pipe on the `Reactor`, which shares one read
/// buffer) and hands the bytes to the stream's `ProcessOutput`. Idle pipes cost nothing; a pipe is closed when the
/// last writer (child or grandchild) closes it.
final class OutputPump: Sendable {
    private let reactor: Reactor

    /// At most this many buffers are read from one pipe per wake-up, so that a program that writes without
    /// pause cannot keep the reactor from the others (the level-triggered watch comes back for the rest).
    static let readsPerWakeUp = 16

    init(reactor: Reactor = .shared) {
        self.reactor = reactor
    }

    /// Starts reading `fd` (the read end of a pipe, non-blocking) into `output`; takes ownership of `fd`.
    func attach(fd: Int32, to output: ProcessOutput) {
        reactor.execute { [reactor] in
            final class Slot { var token: Reactor.Token? }
            let slot = Slot()
            func stop() {
                if let token = slot.token { reactor.remove(token) }
                slot.token = nil
                Descriptor.close(fd)
            }
            slot.token = reactor.watch(fd) {
                let buffer = reactor.buffer
                for _ in 0..<Self.readsPerWakeUp {
                    switch Descriptor.read(fd, into: buffer) {
                    case .bytes(let count):
                        output.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                        if count < buffer.count { return }
                    case .wouldBlock:
                        return
                    case .endOfFile, .failed:
                        return stop()
                    }
                }
            }
            if slot.token == nil { Descriptor.close(fd) }
        }
    }
}
