import TendConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads only what a client needs (the daemon's address, credentials and pidfile) from a config file
/// that does not load as a whole, so that a broken `[program:x]` never keeps `tend` from talking to a
/// running daemon, just as supervisorctl reads only its own sections.
///
/// Rules: `[section]` headers; `key = value` or `key: value`; lines starting with `;` or `#` and
/// ` ;` comments are ignored; `%(here)s`, `%(ENV_X)s` and `%%` are expanded; includes are not followed.
enum ConfigScanner {
    /// A configuration with the main file's `[supervisorctl]`, `[unix_http_server]`,
    /// `[inet_http_server]` and `[supervisord] pidfile`, and supervisord's defaults for the rest.
    /// - Returns: `nil` when the file cannot be read.
    static func partialConfiguration(path: String) -> Configuration? {
        guard let text = readFile(path) else { return nil }
        let sections = parse(text, here: directory(of: path))
        var daemon = DaemonSettings(workingDirectory: ConfigLoader.processWorkingDirectory)
        if let pidfile = sections["supervisord"]?["pidfile"] { daemon.pidfile = absolute(pidfile) }
        var configuration = Configuration(path: path, daemon: daemon)
        if let unix = sections["unix_http_server"], let file = unix["file"] {
            configuration.unixServer = UnixServerSettings(file: absolute(file), credentials: credentials(unix))
        }
        if let inet = sections["inet_http_server"], let port = inet["port"] {
            let (host, number) = splitPort(port)
            if let number { configuration.inetServer = InetServerSettings(host: host, port: number, credentials: credentials(inet)) }
        }
        if let control = sections["supervisorctl"] {
            configuration.control = ControlSettings(
                serverURL: control["serverurl"], username: control["username"], password: control["password"])
        }
        return configuration
    }

    /// Section name → key → value, with expansions done.
    static func parse(_ text: String, here: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix(";") || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast()).trimmingWhitespace()
                continue
            }
            guard let section = current, rawLine.first != " ", rawLine.first != "\t",
                let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" })
            else { continue }
            let key = String(line[..<separator]).trimmingWhitespace().lowercased()
            var value = String(line[line.index(after: separator)...])
            if let comment = value.firstRange(of: " ;") { value = String(value[..<comment.lowerBound]) }
            sections[section, default: [:]][key] = expand(value.trimmingWhitespace(), here: here)
        }
        return sections
    }

    static func expand(_ value: String, here: String) -> String {
        var result = value.replacing("%(here)s", with: here)
        while let start = result.firstRange(of: "%(ENV_"), let end = result[start.upperBound...].firstRange(of: ")s") {
            let name = String(result[start.upperBound..<end.lowerBound])
            let replacement = getenv(name).map { String(cString: $0) } ?? ""
            result.replaceSubrange(start.lowerBound..<end.upperBound, with: replacement)
        }
        return result.replacing("%%", with: "%")
    }

    private static func credentials(_ section: [String: String]) -> Credentials? {
        guard let username = section["username"], let password = section["password"] else { return nil }
        return Credentials(username: username, password: password)
    }

    private static func splitPort(_ text: String) -> (String, Int?) {
        guard let colon = text.lastIndex(of: ":") else { return ("127.0.0.1", Int(text)) }
        let host = String(text[..<colon])
        return (host.isEmpty || host == "*" ? "127.0.0.1" : host, Int(text[text.index(after: colon)...]))
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : ConfigLoader.processWorkingDirectory + "/" + path
    }

    private static func directory(of path: String) -> String {
        let absolutePath = absolute(path)
        guard let slash = absolutePath.lastIndex(of: "/"), slash != absolutePath.startIndex else { return "/" }
        return String(absolutePath[..<slash])
    }

    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
