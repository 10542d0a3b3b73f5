import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The socket a `ready = notify` program reports to, as systemd's `NOTIFY_SOCKET`: a datagram socket in the
/// abstract namespace (no file, no path-length limit, gone with the daemon), one per process, so a message
/// identifies its sender whatever pid sends it. Each datagram (`READY=1`, `STATUS=…`, newline-separated
/// assignments) reaches `onMessage` on the reactor thread.
public final class NotifySocket: Sendable {
    /// The value for the child's `NOTIFY_SOCKET`: `@` and the abstract name, as sd_notify(3) reads it.
    public let address: String
    private let fd: Int32
    private let reactor: Reactor
    private let token = Mutex<Reactor.Token?>(nil)

    /// Binds `@name` and starts reading it.
    /// - Throws: `NotifySocketError` when the socket cannot be made or the name is taken.
    public init(name: String, reactor: Reactor = .shared, onMessage: @escaping @Sendable (String) -> Void)
        throws(NotifySocketError)
    {
        let fd = socket(
            AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw NotifySocketError("couldn't create a notify socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(name.utf8)
        guard bytes.count + 1 < MemoryLayout.size(ofValue: address.sun_path) else {
            Descriptor.close(fd)
            throw NotifySocketError("the notify socket name '\(name)' is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw[0] = 0
            raw.baseAddress!.advanced(by: 1).copyMemory(from: bytes, byteCount: bytes.count)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + 1 + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            Descriptor.close(fd)
            throw NotifySocketError("couldn't bind the notify socket @\(name): errno \(code)")
        }
        self.fd = fd
        self.reactor = reactor
        self.address = "@" + name
        reactor.execute { [self] in
            let watched = reactor.watch(fd) {
                let buffer = reactor.buffer
                while case .bytes(let count) = Descriptor.read(fd, into: buffer) {
                    onMessage(String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<count]), as: UTF8.self))
                }
            }
            token.withLock { $0 = watched }
        }
    }

    /// Stops reading and closes the socket.
    public func close() {
        reactor.execute { [self] in
            if let watched = token.withLock({ $0 }) { reactor.remove(watched) }
            token.withLock { $0 = nil }
            Descriptor.close(fd)
        }
    }
}

/// The notify socket could not be set up.
public struct NotifySocketError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
