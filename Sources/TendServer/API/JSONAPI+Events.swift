import FoundationEssentials
import Hummingbird
import TendAPI

extension JSONAPI {
    /// `GET /api/v1/events`: every event from now on, one JSON `DaemonEvent` per line (`application/x-ndjson`),
    /// streamed until the client goes away or the server stops. Process state changes, health changes, groups added
    /// and removed, and the daemon's state. The first line is the daemon's state at the time of the subscription, so
    /// a client knows from it that nothing after it is missed.
    func events(_ request: Request) async throws -> Response {
        let events = await supervisor.events()
        let current = DaemonEvent(type: .daemonState, state: await supervisor.daemonState.name)
        return Response(
            status: .ok, headers: [.contentType: "application/x-ndjson", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    let encoder = JSONEncoder()
                    func send(_ event: DaemonEvent) async throws {
                        var line = try encoder.encode(event)
                        line.append(10)
                        try await writer.write(ByteBuffer(bytes: line))
                    }
                    try await send(current)
                    for await event in events.cancelOnGracefulShutdown() { try await send(Self.describe(event)) }
                }
                try await writer.finish(nil)
            })
    }

    /// The JSON form of a supervisor event.
    static func describe(_ event: SupervisorEvent) -> DaemonEvent {
        switch event {
        case .processStateChanged(let status, let from, let expected):
            DaemonEvent(type: .processState, process: status, from: from, expected: expected)
        case .healthChanged(let status):
            DaemonEvent(type: .health, process: status)
        case .groupAdded(let name):
            DaemonEvent(type: .groupAdded, group: name)
        case .groupRemoved(let name):
            DaemonEvent(type: .groupRemoved, group: name)
        case .supervisorStateChanged(let state):
            DaemonEvent(type: .daemonState, state: state.name)
        }
    }
}
