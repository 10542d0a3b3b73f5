import Hummingbird

/// One route of the control plane: an HTTP method and a path pattern, as the router holds it (`{name}` for a
/// path parameter, `*` and `**` for wildcards), e.g. `GET /status/{id}`.
public struct ControlRoute: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method (`GET`, `POST`, `DELETE`).
    public var method: String
    /// The path pattern, starting with `/`.
    public var path: String

    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }

    /// `METHOD /path`.
    public var description: String { "\(method) \(path)" }
}

extension ControlServer {
    /// Every route the server answers on each of its listeners, read from the very router it serves (built the
    /// same way, over the same control), sorted by path then method. A route added to any route family appears
    /// here without further work, which is what lets a test check that each one asks for credentials.
    ///
    /// Read-only and cheap: building the router registers closures and touches neither the control nor a socket.
    public var routes: [ControlRoute] {
        ControlRoutes.makeRouter(control: control, logger: logger).routes
            .map { ControlRoute(method: $0.method.rawValue, path: $0.path.description) }
            .sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// Every method `POST /RPC2` publishes (`supervisor.*` and `system.*`), from the table calls are dispatched
    /// through, sorted.
    public static var xmlRPCMethods: [String] { XMLRPCMethods.table.keys.sorted() }
}
