import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where a raw fuzz connection goes: the daemon's unix socket or its TCP port on 127.0.0.1.
enum FuzzAddress: Sendable, CustomStringConvertible {
    case unix(String)
    case tcp(UInt16)

    var description: String {
        switch self {
        case .unix(let path): "unix://\(path)"
        case .tcp(let port): "http://127.0.0.1:\(port)"
        }
    }
}

/// What came back on one raw connection.
enum FuzzOutcome: Sendable, Equatable {
    /// An HTTP status line was read (the status).
    case answered(Int)
    /// The daemon closed the connection (or reset it) without a byte of answer.
    case closed
    /// Bytes came back that are not an HTTP answer.
    case unreadable(String)
    /// Neither an answer nor a close before the deadline.
    case timedOut
}

/// One raw connection to the daemon: bytes written as they are (no client library that would fix them up),
/// with a deadline on every read and write. Writes use `MSG_NOSIGNAL`, so a daemon that closes early raises no
/// SIGPIPE in the test process.
final class FuzzSocket {
    let fd: Int32

    /// Connects; throws when the daemon does not accept.
    init(_ address: FuzzAddress, timeout: TimeInterval = 10) throws {
        self.timeout = timeout
        switch address {
        case .unix(let path):
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw DaemonFixtureError(description: "socket() failed: errno \(errno)") }
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in
                raw.copyBytes(from: Array(path.utf8.prefix(raw.count - 1)) + [0])
            }
            let result = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard result == 0 else {
                close(fd)
                throw DaemonFixtureError(description: "can't connect to \(path): errno \(errno)")
            }
        case .tcp(let port):
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw DaemonFixtureError(description: "socket() failed: errno \(errno)") }
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_port = port.bigEndian
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                close(fd)
                throw DaemonFixtureError(description: "can't connect to 127.0.0.1:\(port): errno \(errno)")
            }
        }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    let timeout: TimeInterval

    /// Writes `bytes` until done, the daemon answers (it may refuse a request, e.g. with 413, before reading all of
    /// it: a client then stops sending, as curl does) or closes, or nothing can be written for `timeout`.
    /// - Returns: how many bytes were written.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            var entry = pollfd(fd: fd, events: Int16(POLLOUT | POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(timeout * 1000))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0, entry.revents & Int16(POLLIN | POLLHUP | POLLERR) == 0 else { break }
            let written = bytes[offset...].prefix(65536).withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if written < 0, errno == EINTR || errno == EAGAIN { continue }
            guard written > 0 else { break }
            offset += written
        }
        return offset
    }

    /// Says no more bytes will come (the daemon reads end-of-file).
    func finishWriting() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one answer (its head and the body its `Content-Length` or chunks announce) or until the daemon closes,
    /// and says what it was.
    func outcome() -> FuzzOutcome {
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !Self.isComplete(answer) {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                return answer.isEmpty ? .timedOut : Self.read(answer)
            }
            if count <= 0 { break }
            answer += chunk[..<count]
        }
        return answer.isEmpty ? .closed : Self.read(answer)
    }

    /// True once `bytes` hold a whole answer.
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        let separator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
        guard bytes.count >= 4,
            let end = (0...(bytes.count - 4)).first(where: { bytes[$0..<($0 + 4)].elementsEqual(separator) })
        else { return false }
        let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
        let body = bytes.count - end - 4
        for line in head.split(separator: "\r\n") {
            if line.hasPrefix("content-length:"),
                let length = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces))
            {
                return body >= length
            }
            if line.hasPrefix("transfer-encoding:"), line.contains("chunked") {
                return bytes.suffix(5).elementsEqual([0x30, 0x0D, 0x0A, 0x0D, 0x0A])
            }
        }
        return head.hasPrefix("http/1.1 1") || head.contains(" 204 ") || head.contains(" 304 ")
    }

    /// Reads just the status line of an answer, leaving the connection open; `nil` on a close or a timeout.
    func status() -> Int? {
        var answer: [UInt8] = []
        var byte: UInt8 = 0
        while answer.count < 512 {
            let count = recv(fd, &byte, 1, 0)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == 0x0A { break }
            answer.append(byte)
        }
        guard case .answered(let status) = Self.read(answer) else { return nil }
        return status
    }

    private static func read(_ bytes: [UInt8]) -> FuzzOutcome {
        let line = String(decoding: bytes.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            return .unreadable(String(line.prefix(80)))
        }
        return .answered(status)
    }
}

/// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice), for `[inet_http_server]`.
func freeLoopbackPort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else { throw DaemonFixtureError(description: "no free port: errno \(errno)") }
    return UInt16(bigEndian: addr.sin_port)
}

/// The resident set size of `pid` in KiB (`VmRSS` of /proc/PID/status).
func residentKiB(of pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
}
