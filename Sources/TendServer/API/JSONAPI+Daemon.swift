import Hummingbird
import TendAPI
import TendConfig

extension JSONAPI {
    /// `GET /api/v1/pids`.
    func pids() async throws -> Response {
        let children = await supervisor.childPIDs().map {
            APIResponse.PIDs.Child(name: $0.name, group: $0.group, pid: $0.pid)
        }
        return try JSONResponse.make(APIResponse.PIDs(daemon: control.pid, children: children))
    }

    /// `GET /api/v1/avail`: every program of the running config, with its group's priority.
    func avail() async throws -> Response {
        try JSONResponse.make(await supervisor.available(in: nil))
    }

    /// `POST /api/v1/reread`: what `update` would change; changes nothing.
    func reread() async throws -> Response {
        try await refuseWhenShuttingDown()
        let changes: ConfigChanges
        do {
            changes = try await control.reread()
        } catch {
            throw APIError(error)
        }
        return try JSONResponse.make(changes)
    }

    /// `POST /api/v1/update` `{"groups": […]}`: applies the config file's differences.
    func update(_ request: Request, _ context: ControlRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(APIRequest.Groups.self, context: context, empty: APIRequest.Groups())
        try await refuseWhenShuttingDown()
        let only = (body.groups ?? []).isEmpty ? nil : body.groups
        let results: [UpdateResult]
        do {
            results = try await control.update(only: only)
        } catch {
            throw APIError(error)
        }
        return try JSONResponse.make(results)
    }

    /// `POST /api/v1/reload`: checks that the config file loads (422 with its errors if not), answers,
    /// then has the daemon stop everything and start over from the file.
    func reload() async throws -> Response {
        try await refuseWhenShuttingDown()
        do {
            _ = try await control.reread()
        } catch {
            throw APIError(error)
        }
        return JSONResponse.emptyThen { [control, logger] in
            Task {
                do {
                    try await control.reload()
                } catch {
                    logger.error("reload failed, keeping the running config:\n\(error)")
                }
            }
        }
    }

    /// `POST /api/v1/shutdown`: answers, then asks the daemon to stop everything and exit.
    func shutdown() -> Response {
        JSONResponse.emptyThen { [control] in control.requestShutdown() }
    }

    /// `GET /api/v1/daemon`.
    func daemon() async throws -> Response {
        let (state, configuration) = await (supervisor.daemonState, supervisor.configuration)
        var info = APIResponse.DaemonInfo(
            pid: control.pid, state: state.name, version: TendVersion.current,
            identification: configuration.daemon.identifier, config: control.configPath)
        if let inet = configuration.inetServer {
            let loopback = inet.host == "localhost" || inet.host == "::1" || inet.host.hasPrefix("127.")
            info.exposed = !loopback && inet.credentials == nil
        }
        return try JSONResponse.make(info)
    }
}
