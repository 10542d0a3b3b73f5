/// `[unix_http_server]`: the control socket.
public struct UnixServerSettings: Sendable, Hashable, Codable {
    /// The socket path.
    public var file: String
    /// The socket's mode. Default 0700.
    public var chmod: UInt32
    /// `user` or `user:group` to own the socket.
    public var chown: String?
    /// Basic-auth credentials; both or neither.
    public var credentials: Credentials?

    public init(file: String, chmod: UInt32 = 0o700, chown: String? = nil, credentials: Credentials? = nil) {
        self.file = file
        self.chmod = chmod
        self.chown = chown
        self.credentials = credentials
    }
}

/// `[inet_http_server]`: the optional TCP listener.
public struct InetServerSettings: Sendable, Hashable, Codable {
    /// The host to bind; a bare `port = 9001` binds loopback only (`127.0.0.1`).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// Basic-auth credentials; both or neither.
    public var credentials: Credentials?

    public init(host: String, port: Int, credentials: Credentials? = nil) {
        self.host = host
        self.port = port
        self.credentials = credentials
    }
}

/// HTTP basic-auth credentials. The password is plain text or `{SHA}` followed by the SHA-1 hex digest.
public struct Credentials: Sendable, Hashable, Codable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// `[supervisorctl]`: how clients reach the daemon.
public struct ControlSettings: Sendable, Hashable, Codable {
    /// `unix:///path` or `http://host:port`; `nil` uses the unix socket of `[unix_http_server]`.
    public var serverURL: String?
    public var username: String?
    public var password: String?
    /// The prompt of the interactive shell. Default `supervisor`.
    public var prompt: String

    public init(
        serverURL: String? = nil, username: String? = nil, password: String? = nil, prompt: String = "supervisor"
    ) {
        self.serverURL = serverURL
        self.username = username
        self.password = password
        self.prompt = prompt
    }
}
