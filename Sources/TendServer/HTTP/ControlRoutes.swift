import Hummingbird
import Logging

/// Builds the one router behind every listener. Each API registers its routes here, in its own file:
/// the JSON API (`JSONAPI`, under `/api/v1`); supervisord's XML-RPC (`/RPC2`) and the other route
/// families go beside it.
enum ControlRoutes {
    /// The router with every route of the control plane. Errors thrown by any route become JSON
    /// answers `{"error": "…"}` with a 4xx or 5xx status (see `ErrorMiddleware`).
    static func makeRouter(control: any DaemonControl, logger: Logger) -> Router<ControlRequestContext> {
        let router = Router(context: ControlRequestContext.self)
        router.add(middleware: ErrorMiddleware(logger: logger))
        JSONAPI(control: control, logger: logger).addRoutes(to: router)
        XMLRPCRoutes(control: control, logger: logger).addRoutes(to: router)
        JobRoutes(control: control).addRoutes(to: router)
        DashboardRoutes().addRoutes(to: router)
        MetricsRoutes(control: control).addRoutes(to: router)
        return router
    }
}
