import TendConfig

/// An `[eventlistener:x]` pool as the supervisor owns it: what it subscribes to, its event buffer,
/// and the protocol state and in-flight event of each of its listener processes.
final class EventListenerPool {
    let name: String
    let subscriptions: [EventName]
    var buffer: EventBuffer
    /// Listener process keys, in config order.
    let members: [String]
    var protocols: [String: ListenerProtocol] = [:]
    var inFlight: [String: (notification: Notification, poolSerial: Int)] = [:]

    init(group: GroupSpec, settings: EventListenerSettings) {
        name = group.name
        subscriptions = settings.events.compactMap { EventName(rawValue: $0.uppercased()) }
        buffer = EventBuffer(capacity: settings.bufferSize)
        members = group.programs.map(\.qualifiedName)
    }

    /// Whether the pool wants events of this type.
    func subscribes(to event: EventName) -> Bool {
        subscriptions.contains { event.isDelivered(to: $0) }
    }

    /// The tick periods (5, 60, 3600) the pool needs.
    var tickPeriods: Set<Int> {
        Set(
            [EventName.tick5, .tick60, .tick3600].filter { subscribes(to: $0) }.compactMap(\.tickPeriod))
    }
}
