import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// TCP ports for a test's listeners that nothing holds now and that the kernel does not hand out as the local end of
/// outgoing connections: they come from below Linux's ephemeral range (32768–60999), where a random pick could meet
/// one of the many client sockets the other suites open, and each one is checked by binding it on all addresses.
enum FreePorts {
    /// The first of `count` consecutive free ports (`base`, `base + 1`, …).
    static func consecutive(_ count: Int = 1) -> Int {
        for _ in 0..<200 {
            let base = Int.random(in: 10_000..<(32_000 - count))
            if (base..<(base + count)).allSatisfy(isFree) { return base }
        }
        return Int.random(in: 10_000..<(32_000 - count))
    }

    /// Whether a listener could bind `port` on every address now.
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: INADDR_ANY)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
