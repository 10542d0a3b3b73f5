/// A health probe of a program (`readiness_probe` or `liveness_probe` and their five settings).
///
/// A probe runs first `initialDelay` seconds after the process is spawned, then every `interval` seconds while the
/// process lives; a run that takes longer than `timeout` fails. `failureThreshold` failures in a row make the
/// process unhealthy (for liveness: restart it); `successThreshold` successes in a row make it healthy.
public struct Probe: Sendable, Hashable, Codable {
    /// What a probe checks.
    public enum Check: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A TCP connection to `host:port` is accepted.
        case tcp(host: String, port: Int)
        /// `GET path` on `host:port` answers with a 2xx or 3xx status.
        case http(host: String, port: Int, path: String)
        /// The command (split as a shell splits words, run without a shell) exits with 0.
        case exec(arguments: [String])

        public var description: String {
            switch self {
            case .tcp(let host, let port): "tcp \(Self.hostPort(host, port))"
            case .http(let host, let port, let path): "http http://\(Self.hostPort(host, port))\(path)"
            case .exec(let arguments): "exec " + arguments.joined(separator: " ")
            }
        }

        private static func hostPort(_ host: String, _ port: Int) -> String {
            host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    /// What the probe checks.
    public var check: Check
    /// Seconds between two runs. Default 5.
    public var interval: Double = 5
    /// Seconds a run may take before it counts as failed. Default 2.
    public var timeout: Double = 2
    /// Failures in a row that make the process unhealthy. Default 3.
    public var failureThreshold: Int = 3
    /// Successes in a row that make the process healthy. Default 1.
    public var successThreshold: Int = 1
    /// Seconds from the spawn to the first run. Default 0.
    public var initialDelay: Double = 0

    public init(check: Check) {
        self.check = check
    }

    /// The check of a `readiness_probe`/`liveness_probe` value: `tcp HOST:PORT`, `http URL`, `exec COMMAND ARGS…`.
    /// - Throws: `ProbeError` saying which form was expected.
    public static func parseCheck(_ text: String) throws(ProbeError) -> Check {
        let trimmed = text.strippingWhitespace()
        let kind = String(trimmed.prefix { !$0.isWhitespace }).lowercased()
        let rest = trimmed.dropFirst(kind.count).strippingWhitespace()
        switch kind {
        case "tcp":
            guard let (host, port) = hostAndPort(rest), !rest.contains("/") else {
                throw ProbeError("'tcp' needs HOST:PORT (e.g. tcp 127.0.0.1:6379), not '\(rest)'")
            }
            return .tcp(host: host, port: port)
        case "http":
            return try httpCheck(rest)
        case "exec":
            guard case .success(let words) = ShellWords.split(rest), !words.isEmpty else {
                throw ProbeError("'exec' needs a command (e.g. exec redis-cli ping)")
            }
            return .exec(arguments: words)
        default:
            throw ProbeError("a probe is 'tcp HOST:PORT', 'http URL' or 'exec COMMAND ARGS…', not '\(trimmed)'")
        }
    }

    private static func httpCheck(_ url: String) throws(ProbeError) -> Check {
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") {
            throw ProbeError("https probes are not supported: use 'exec curl -fsS \(url)'")
        }
        guard lowered.hasPrefix("http://") else {
            throw ProbeError(
                "'http' needs a URL that starts with http:// (e.g. http http://127.0.0.1:8000/health), not '\(url)'")
        }
        let afterScheme = url.dropFirst("http://".count)
        let authority = String(afterScheme.prefix { $0 != "/" && $0 != "?" })
        var path = String(afterScheme.dropFirst(authority.count))
        if path.isEmpty || path.first == "?" { path = "/" + path }
        if !authority.contains(":") || authority.hasSuffix("]") {
            let host = authority.hasPrefix("[") ? String(authority.dropFirst().dropLast()) : authority
            guard !host.isEmpty else { throw ProbeError("the URL '\(url)' has no host") }
            return .http(host: host, port: 80, path: path)
        }
        guard let (host, port) = hostAndPort(authority) else {
            throw ProbeError("the URL '\(url)' has no valid HOST:PORT")
        }
        return .http(host: host, port: port, path: path)
    }

    /// `127.0.0.1:6379`, `localhost:80`, `[::1]:8080`.
    private static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace),
            let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port)
        else { return nil }
        return (host, port)
    }
}

/// Why a probe value cannot be used, worded for the loader's `file:line: message`.
public struct ProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what is expected.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
