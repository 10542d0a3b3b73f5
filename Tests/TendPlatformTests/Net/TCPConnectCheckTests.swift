import Testing

@testable import TendPlatform

#if canImport(Glibc)
    import Glibc
#endif

/// The `tcp` probe's connect: accepted, refused, unresolvable.
struct TCPConnectCheckTests {
    func check(_ host: String, _ port: Int) async -> String? {
        await withCheckedContinuation { continuation in
            TCPConnectCheck.run(host: host, port: port, timeout: 2) { continuation.resume(returning: $0) }
        }
    }

    /// A socket bound to a free loopback port (listening when `listening`), and that port.
    func listener(listening: Bool = true) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound && (!listening || listen(fd, 8) == 0))
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aListeningPortIsAcceptedAndAClosedOneIsRefused() async throws {
        let (fd, port) = try listener()
        #expect(await check("127.0.0.1", port) == nil)
        #expect(await check("localhost", port) == nil)
        close(fd)
        // A port that is bound but not listening refuses, and stays ours while the check runs (a closed port
        // could be taken by another test's listener in between).
        let (idle, idlePort) = try listener(listening: false)
        defer { close(idle) }
        #expect(await check("127.0.0.1", idlePort) == "Connection refused")
        let unknown = await check("no-such-host.invalid", 80)
        #expect(unknown?.hasPrefix("can't resolve 'no-such-host.invalid'") == true, "\(unknown ?? "nil")")
    }
}
