import PostgresNIO

/// A `postgres://` (or `postgresql://`) URL as `[tend] job_store` names a PostgreSQL job store.
///
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE&host=/socket/dir]`. User, password and database
/// are percent-decoded. `sslmode` is `disable`, `prefer` (the default, as libpq) or `require`; a `host`
/// parameter that is a directory connects through the server's unix socket in it (`.s.PGSQL.PORT`) instead of TCP.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, else plain TCP (libpq's default).
        case prefer
        /// TLS or no connection.
        case require
    }

    /// The user to log in as (default `postgres`).
    public var username: String
    /// The password, or `nil` for none (trust or peer authentication).
    public var password: String?
    /// The server's host name or address (ignored when `socketDirectory` is set).
    public var host: String
    /// The server's port (default 5432); also names the unix socket file.
    public var port: Int
    /// The database (default: the user name, as libpq).
    public var database: String
    /// How the connection is protected (`sslmode`).
    public var tlsMode: TLSMode
    /// The directory of the server's unix socket, when the URL asks for one.
    public var socketDirectory: String?

    /// Parses `text`.
    /// - Throws: `PostgresURLError` saying what is wrong and what a good URL looks like.
    public init(parsing text: String) throws(PostgresURLError) {
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            throw PostgresURLError(text, "it must start with postgres:// or postgresql://")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        username = "postgres"
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                username = try Self.decode(userInfo[..<colon], in: text)
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], in: text)
            } else {
                username = try Self.decode(userInfo, in: text)
            }
        }
        guard !username.isEmpty else { throw PostgresURLError(text, "the user name is empty") }
        port = 5432
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw PostgresURLError(text, "an IPv6 host lacks its ']'")
            }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            if rest.hasPrefix(":") {
                port = try Self.port(rest.dropFirst(), in: text)
            } else if !rest.isEmpty {
                throw PostgresURLError(text, "unexpected '\(rest)' after the host")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            port = try Self.port(rest[rest.index(after: colon)...], in: text)
        } else {
            host = String(rest)
        }
        database = try Self.decode(path, in: text)
        if database.isEmpty { database = username }
        tlsMode = .prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1], in: text) : ""
            switch key {
            case "sslmode":
                switch value {
                case "disable", "allow": tlsMode = .disable
                case "prefer": tlsMode = .prefer
                case "require", "verify-ca", "verify-full": tlsMode = .require
                default: throw PostgresURLError(text, "unknown sslmode '\(value)' (disable, prefer or require)")
                }
            case "host":
                if value.hasPrefix("/") { socketDirectory = value } else { host = value }
            case "user":
                username = value
            case "password":
                password = value
            case "port":
                port = try Self.port(Substring(value), in: text)
            default:
                throw PostgresURLError(text, "unknown parameter '\(key)' (sslmode, host, user, password or port)")
            }
        }
        if host.isEmpty, socketDirectory == nil { host = "127.0.0.1" }
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        let where_ = socketDirectory.map { "?host=\($0)" } ?? ""
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(credentials)@\(hostText):\(port)/\(database)\(where_)"
    }

    /// The same server with another database (tests create one database each).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The client configuration for this URL.
    public func clientConfiguration() -> PostgresClient.Configuration {
        if let socketDirectory {
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password,
                database: database)
        }
        let tls: PostgresClient.Configuration.TLS
        switch tlsMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    private static func port(_ text: Substring, in url: String) throws(PostgresURLError) -> Int {
        guard let value = Int(text), (1...65535).contains(value) else {
            throw PostgresURLError(url, "the port '\(text)' is not a number from 1 to 65535")
        }
        return value
    }

    private static func decode(_ text: Substring, in url: String) throws(PostgresURLError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw PostgresURLError(url, "a '%' is not followed by two hexadecimal digits")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
