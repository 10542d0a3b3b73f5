import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Whether something accepts a TCP connection at `host:port`, checked with one non-blocking connect on the
/// `Reactor` (the socket's writability says the connect finished; `SO_ERROR` says how), bounded by a reactor timer.
/// Nothing else: no thread, no event loop of its own, no bytes sent. The `tcp` health probe uses it.
public final class TCPConnectCheck: Sendable {
    private struct State {
        var fd: Int32 = -1
        var watch: Reactor.Token?
        var timer: Reactor.Token?
        var completion: (@Sendable (String?) -> Void)?
    }

    private let reactor: Reactor
    private let state = Mutex(State())

    private init(reactor: Reactor) {
        self.reactor = reactor
    }

    /// Connects to `host:port` within `timeout` seconds and calls `completion` once, on the reactor thread (or at once
    /// when the name does not resolve), with `nil` when a connection was accepted or the reason it was not. `host` is
    /// an address or a name (resolved here, on the calling thread); each address it has is tried in turn, as a client
    /// would (`localhost` may be `::1` first), within the one timeout.
    public static func run(
        host: String, port: Int, timeout: Double, reactor: Reactor = .shared,
        completion: @escaping @Sendable (String?) -> Void
    ) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &found)
        guard status == 0, found != nil else {
            return completion("can't resolve '\(host)': \(String(cString: gai_strerror(status)))")
        }
        var addresses: [Address] = []
        var next = found
        while let entry = next {
            let bytes = UnsafeRawBufferPointer(start: entry.pointee.ai_addr, count: Int(entry.pointee.ai_addrlen))
            addresses.append(Address(family: entry.pointee.ai_family, bytes: Array(bytes)))
            next = entry.pointee.ai_next
        }
        freeaddrinfo(found)
        let resolved = addresses
        let check = TCPConnectCheck(reactor: reactor)
        check.state.withLock { $0.completion = completion }
        reactor.execute {
            let timer = reactor.schedule(after: timeout) { check.finish("no answer within \(timeout) s") }
            check.state.withLock { $0.timer = timer }
            check.attempt(resolved[...], lastProblem: nil)
        }
    }

    /// One resolved address, copied out of `getaddrinfo`'s list.
    private struct Address: Sendable {
        var family: Int32
        var bytes: [UInt8]
    }

    /// Starts a connect to the first of `addresses`, or reports `lastProblem` when none is left (reactor thread).
    private func attempt(_ addresses: ArraySlice<Address>, lastProblem: String?) {
        guard let address = addresses.first else { return finish(lastProblem ?? "no address") }
        let rest = addresses.dropFirst()
        let fd = socket(
            address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
            0)
        guard fd >= 0 else { return attempt(rest, lastProblem: "socket() failed: \(String(cString: strerror(errno)))") }
        let result = address.bytes.withUnsafeBytes { raw in
            connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        let code = errno
        if result == 0 {
            Descriptor.close(fd)
            return finish(nil)
        }
        guard code == EINPROGRESS else {
            Descriptor.close(fd)
            return attempt(rest, lastProblem: String(cString: strerror(code)))
        }
        state.withLock { $0.fd = fd }
        let watch = reactor.watch(fd, writable: true) { [self] in connected(then: rest) }
        state.withLock { $0.watch = watch }
        if watch == nil { finish("couldn't watch the socket") }
    }

    /// The socket became writable: the connect is done, well or not; on failure the next address is tried
    /// (reactor thread).
    private func connected(then rest: ArraySlice<Address>) {
        let (fd, watch) = state.withLock { state in
            defer {
                state.fd = -1
                state.watch = nil
            }
            return (state.fd, state.watch)
        }
        if let watch { reactor.remove(watch) }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        Descriptor.close(fd)
        if error == 0 { return finish(nil) }
        attempt(rest, lastProblem: String(cString: strerror(error)))
    }

    /// Reports once, then removes the watch and the timer and closes the socket (reactor thread).
    private func finish(_ problem: String?) {
        let (completion, fd, watch, timer) = state.withLock { state in
            defer { state = State() }
            return (state.completion, state.fd, state.watch, state.timer)
        }
        guard let completion else { return }
        if let watch { reactor.remove(watch) }
        if let timer { reactor.remove(timer) }
        Descriptor.close(fd)
        completion(problem)
    }
}
