import Hummingbird
import TendAPI
import TendConfig

extension JSONAPI {
    /// `GET /api/v1/programs?name=…&usage=1`: the status of the named processes, or of every process; with `usage`,
    /// each running one's CPU time and resident memory, read from /proc now.
    func programs(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let names = query.getAll("name").map { String($0) }
        let withUsage = ["1", "true", "yes"].contains(query.get("usage")?.lowercased() ?? "")
        let statuses: [ProcessStatus]
        do {
            statuses = withUsage ? try await supervisor.statusesWithUsage(names) : try await supervisor.statuses(names)
        } catch {
            throw APIError(error)
        }
        return try JSONResponse.make(statuses)
    }

    /// `POST /api/v1/programs/start`.
    func start(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let body = try await names(request, context)
        return try Self.respond(await supervisor.start(body.names, wait: body.wait ?? true))
    }

    /// `POST /api/v1/programs/stop`.
    func stop(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let body = try await names(request, context)
        return try JSONResponse.make(await supervisor.stop(body.names, wait: body.wait ?? true))
    }

    /// `POST /api/v1/programs/restart`: stops the named processes (waiting until they are down), then
    /// starts them, as supervisorctl's `restart` does, with what depends on them (`ProcessControl.restart`). The
    /// answer is the start's results (an unknown name is reported there as `BAD_NAME`).
    func restart(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let body = try await names(request, context)
        try await refuseWhenShuttingDown()
        return try Self.respond(await supervisor.restart(body.names, wait: body.wait ?? true))
    }

    /// The results of a start, or 503 `SHUTDOWN_STATE` when the supervisor refused it because the daemon stops.
    private static func respond(_ results: [ActionResult]) throws -> Response {
        if results.contains(where: { $0.error?.code == .shutdownState }) {
            throw APIError(SupervisorError(.shutdownState))
        }
        return try JSONResponse.make(results)
    }

    /// `POST /api/v1/programs/signal`.
    func signal(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(APIRequest.Signal.self, context: context)
        try Self.requireNames(body.names)
        guard let signal = SignalName(parsing: body.signal) else {
            throw APIError(SupervisorError(.badSignal, body.signal))
        }
        return try JSONResponse.make(await supervisor.signal(signal, body.names))
    }

    /// `POST /api/v1/programs/clear`: empties the logs of the named processes.
    func clear(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let body = try await names(request, context)
        return try JSONResponse.make(await supervisor.clearLogs(body.names))
    }

    private func names(_ request: Request, _ context: ControlRequestContext) async throws -> APIRequest.Names {
        let body = try await request.decodeJSON(APIRequest.Names.self, context: context)
        try Self.requireNames(body.names)
        return body
    }

    static func requireNames(_ names: [String]) throws(APIError) {
        guard !names.isEmpty else {
            throw APIError(.badRequest, "'names' is empty: give a process name, group:*, group:name or all")
        }
    }
}
