import Foundation
import Logging
import TendAPI
import TendConfig
import TendDaemon
import TendServer
import TendSupervisor

/// The control server's own route and XML-RPC method tables, for the auth coverage suite: read from a
/// `ControlServer` built over an inert `DaemonControl` (nothing is bound, nothing runs), so that the list is the
/// router's and not one a test keeps by hand.
enum FuzzRouteTable {
    /// Every route of the control plane.
    static func routes() throws -> [ControlRoute] {
        let server = ControlServer(
            control: try InertControl(), unixSocket: nil, inet: nil,
            logger: Logger(label: "routes") { _ in SwiftLogNoOpLogHandler() })
        return server.routes
    }

    /// Every published XML-RPC method.
    static var xmlRPCMethods: [String] { ControlServer.xmlRPCMethods }

    /// `route`'s path with each parameter and wildcard replaced by `value`.
    static func concretePath(_ route: ControlRoute, value: String = "x") -> String {
        route.path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("{") || part.contains("*") ? value : String(part)
        }.joined(separator: "/")
    }

    /// A control that is never asked anything: the routes only capture it.
    private struct InertControl: DaemonControl {
        let supervisor: Supervisor
        let pid: Int32 = 0
        let configPath = ""
        let logfile: String? = nil

        init() throws {
            let configuration = Configuration(path: "", daemon: DaemonSettings(workingDirectory: "/"))
            supervisor = try Supervisor(
                configuration: configuration, options: SupervisorOptions(environment: [:], becomeSubreaper: false),
                logger: Logger(label: "inert") { _ in SwiftLogNoOpLogHandler() })
        }

        func loadConfiguration() async throws(ConfigError) -> Configuration { throw ConfigError(diagnostics: []) }
        func reread() async throws(ConfigError) -> ConfigChanges { throw ConfigError(diagnostics: []) }
        func update(only: [String]?) async throws(ConfigError) -> [UpdateResult] { throw ConfigError(diagnostics: []) }
        func reload() async throws(ConfigError) { throw ConfigError(diagnostics: []) }
        func requestShutdown() {}
    }
}
