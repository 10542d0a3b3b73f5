import Hummingbird
import Logging
import TendAPI

/// The JSON control API under `/api/v1`: programs, logs (with live follow), events, config reload and the daemon.
///
/// | route | answer |
/// |---|---|
/// | `GET /api/v1/programs?name=a&name=g:*` | `[ProcessStatus]`; 404 `BAD_NAME` for an unknown name |
/// | `POST /api/v1/programs/start`, `…/stop`, `…/restart` `{"names": […], "wait": true}` | `[ActionResult]` |
/// | `POST /api/v1/programs/signal` `{"names": […], "signal": "HUP"}` | `[ActionResult]`; 400 `BAD_SIGNAL` |
/// | `POST /api/v1/programs/clear` `{"names": […]}` | `[ActionResult]` |
/// | `GET /api/v1/programs/{name}/log?stream=stdout&offset=0&length=1600` | `LogChunk` |
/// | `GET /api/v1/programs/{name}/log/follow?stream=stdout&bytes=0` | `text/plain`, streamed until the client leaves |
/// | `GET /api/v1/pids` | `{"daemon": pid, "children": [{"name", "group", "pid"}]}` |
/// | `GET /api/v1/avail` | `[AvailableProgram]` |
/// | `POST /api/v1/reread` | `ConfigChanges`; 422 with every config error |
/// | `POST /api/v1/update` `{"groups": […]}` | `[UpdateResult]`; 422 with every config error |
/// | `POST /api/v1/reload` | `{}`, then the daemon reloads; 422 with every config error |
/// | `POST /api/v1/shutdown` | `{}`, then the daemon stops everything and exits |
/// | `GET /api/v1/daemon` | `{"pid", "state", "version", "identification", "config"}` |
/// | `GET /api/v1/events` | `application/x-ndjson`: a `DaemonEvent` per line, streamed until the client leaves |
///
/// Errors are `{"error": "…", "code": fault}` (see `APIError`).
struct JSONAPI: Sendable {
    let control: any DaemonControl
    let logger: Logger

    var supervisor: any ProcessControl { control.supervisor }

    /// Registers every route on `router`.
    func addRoutes(to router: Router<ControlRequestContext>) {
        let api = router.group("api/v1")
        api.get("programs") { request, _ in try await self.programs(request) }
        api.post("programs/start") { request, context in try await self.start(request, context) }
        api.post("programs/stop") { request, context in try await self.stop(request, context) }
        api.post("programs/restart") { request, context in try await self.restart(request, context) }
        api.post("programs/signal") { request, context in try await self.signal(request, context) }
        api.post("programs/clear") { request, context in try await self.clear(request, context) }
        api.get("programs/{name}/log") { request, context in try await self.log(request, context) }
        api.get("programs/{name}/log/follow") { request, context in try await self.follow(request, context) }
        api.get("pids") { _, _ in try await self.pids() }
        api.get("avail") { _, _ in try await self.avail() }
        api.post("reread") { _, _ in try await self.reread() }
        api.post("update") { request, context in try await self.update(request, context) }
        api.post("reload") { _, _ in try await self.reload() }
        api.post("shutdown") { _, _ in self.shutdown() }
        api.get("daemon") { _, _ in try await self.daemon() }
        api.get("events") { request, _ in try await self.events(request) }
    }

    /// Refuses changes while the daemon is shutting down, as supervisord does (`SHUTDOWN_STATE`).
    func refuseWhenShuttingDown() async throws(APIError) {
        if await supervisor.daemonState == .shutdown { throw APIError(SupervisorError(.shutdownState)) }
    }
}
