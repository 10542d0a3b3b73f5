import TendClient
import TendConfig
import TendPlatform

/// The client for the daemon a command talks to, with the address and credentials taken from the
/// options, else the config file.
struct DaemonConnection {
    let client: TendClient

    /// Resolves the daemon's address: `-s`, else `[supervisorctl] serverurl`, else the config's
    /// `[unix_http_server] file`, else its `[inet_http_server]`. Credentials: `-u`/`-p`, else
    /// `[supervisorctl] username`/`password`, else the listener's own when they are in plain text.
    /// - Throws: `CLIError` when there is no config and no `-s`, or the URL is not one tend understands.
    init(_ options: GlobalOptions) throws(CLIError) {
        var configuration: Configuration?
        var serverURL = options.serverURL
        let standalone = ConfigSearch.standaloneSocket(in: ConfigLoader.processWorkingDirectory)
        if serverURL == nil, options.configuration == nil, ConfigSearch.defaultPath() == nil,
            DaemonProcess.fileExists(standalone)
        {
            serverURL = "unix://" + standalone
        }
        if serverURL == nil {
            configuration = try ConfigReader.loadForClient(try ConfigReader.path(options.configuration))
        } else if let path = try? ConfigReader.path(options.configuration) {
            configuration = try? ConfigReader.loadForClient(path)
        }
        let endpoint = try Self.endpoint(serverURL, configuration)
        let listener = Self.listenerCredentials(endpoint, configuration)
        let username = options.username ?? configuration?.control.username ?? listener?.username
        let password = options.password ?? configuration?.control.password ?? listener?.password
        let credentials = username.map { TendClient.Credentials(username: $0, password: password ?? "") }
        client = TendClient(endpoint: endpoint, credentials: credentials)
    }

    private static func endpoint(_ serverURL: String?, _ configuration: Configuration?) throws(CLIError) -> Endpoint {
        if let serverURL {
            guard let endpoint = Endpoint.parse(serverURL) else {
                throw CLIError("bad server URL '\(serverURL)': use unix:///path/to/socket or http://host:port")
            }
            return endpoint
        }
        guard let configuration else {
            throw CLIError("no daemon address: give one with -s URL or a config with -c FILE")
        }
        if let url = configuration.control.serverURL {
            guard let endpoint = Endpoint.parse(url) else {
                throw CLIError(
                    "bad [supervisorctl] serverurl '\(url)' in \(configuration.path): use unix:///path/to/socket or http://host:port"
                )
            }
            return endpoint
        }
        if let unix = configuration.unixServer { return .unix(path: unix.file) }
        if let inet = configuration.inetServer {
            let host = inet.host.isEmpty || inet.host == "0.0.0.0" || inet.host == "*" ? "127.0.0.1" : inet.host
            return .tcp(host: host, port: inet.port)
        }
        throw CLIError(
            "\(configuration.path) has no [unix_http_server] or [inet_http_server] section: the daemon has no address; add one or give -s URL"
        )
    }

    /// The credentials of the listener `endpoint` points at, when the config holds them in plain text.
    private static func listenerCredentials(_ endpoint: Endpoint, _ configuration: Configuration?) -> Credentials? {
        let credentials: Credentials?
        switch endpoint {
        case .unix(let path): credentials = configuration?.unixServer.flatMap { $0.file == path ? $0.credentials : nil }
        case .tcp(_, let port):
            credentials = configuration?.inetServer.flatMap { $0.port == port ? $0.credentials : nil }
        }
        guard let credentials, !credentials.password.hasPrefix("{SHA}") else { return nil }
        return credentials
    }

    /// `GET path`, decoded.
    func get<Value: Decodable>(_ path: String, as type: Value.Type) async throws(ClientError) -> Value {
        try await client.get(path).decode(type)
    }

    /// `POST path` with a JSON body, decoded.
    func post<Value: Decodable>(_ path: String, _ body: some Encodable, as type: Value.Type) async throws(ClientError)
        -> Value
    {
        try await client.post(path, json: body).decode(type)
    }

    /// `POST path` without a body, decoded.
    func post<Value: Decodable>(_ path: String, as type: Value.Type) async throws(ClientError) -> Value {
        try await client.post(path).decode(type)
    }
}
