/// Where the daemon listens: a unix socket or a TCP address, as supervisorctl's `serverurl` names them.
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `unix:///path/to/socket`.
    case unix(path: String)
    /// `http://host:port`.
    case tcp(host: String, port: Int)

    /// Parses `unix:///path`, `http://host:port` (port 80 when omitted, `[::1]` for IPv6) or a bare
    /// absolute socket path; `nil` for anything else.
    public static func parse(_ text: String) -> Endpoint? {
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            return path.hasPrefix("/") ? .unix(path: path) : nil
        }
        if text.hasPrefix("/") { return .unix(path: text) }
        guard text.hasPrefix("http://") else { return nil }
        var authority = Substring(text.dropFirst("http://".count))
        if let slash = authority.firstIndex(of: "/") { authority = authority[..<slash] }
        let host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                portText = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        guard let portText else { return .tcp(host: String(host), port: 80) }
        guard let port = Int(portText), (1...65535).contains(port) else { return nil }
        return .tcp(host: String(host), port: port)
    }

    /// `unix:///path` or `http://host:port`.
    public var description: String {
        switch self {
        case .unix(let path): "unix://" + path
        case .tcp(let host, let port): host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
        }
    }

    /// True for a unix socket or a loopback address: the daemon runs on this machine.
    public var isLocal: Bool {
        switch self {
        case .unix: true
        case .tcp(let host, _): host == "localhost" || host.hasPrefix("127.") || host == "::1"
        }
    }

    /// The `Host` header for requests to this endpoint.
    var hostHeader: String {
        switch self {
        case .unix: "localhost"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
