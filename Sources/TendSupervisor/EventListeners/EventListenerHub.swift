import Logging
import TendConfig

/// supervisord's event notification for every `[eventlistener:x]` pool: which pools subscribe to what, the
/// daemon-wide event serial, each pool's buffer, and the READY/RESULT protocol with each listener process.
///
/// Owned by the `Supervisor` actor (not thread-safe on its own); it reaches processes only through the
/// `ListenerPort` it is given, so it knows nothing of spawning or process state machines.
final class EventListenerHub {
    private var pools: [String: EventListenerPool] = [:]
    private var eventSerial = 0
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// The events waiting in each pool's buffer, by pool name (`tend_event_listener_queue_length`).
    var queueLengths: [(pool: String, events: Int)] {
        pools.map { ($0.key, $0.value.buffer.events.count) }.sorted { $0.pool < $1.pool }
    }

    /// The tick periods (5, 60, 3600) some pool subscribes to.
    var tickPeriods: Set<Int> {
        pools.values.reduce(into: Set<Int>()) { $0.formUnion($1.tickPeriods) }
    }

    /// Creates the pool of a listener group.
    func install(_ group: GroupSpec) {
        if group.kind == .eventListener, let settings = group.eventListener {
            pools[group.name] = EventListenerPool(group: group, settings: settings)
        }
    }

    /// Forgets a removed group's pool.
    func uninstall(_ name: String) {
        pools.removeValue(forKey: name)
    }

    /// Publishes an event to every pool that subscribes to it (and only builds it if one does).
    func emit(_ name: EventName, _ payload: @autoclosure () -> String, server: String, port: ListenerPort) {
        let interested = pools.values.filter { $0.subscribes(to: name) }
        guard !interested.isEmpty else { return }
        eventSerial += 1
        let notification = Notification(name: name, payload: payload(), serial: eventSerial)
        for pool in interested {
            if let dropped = pool.buffer.accept(notification) {
                logger.error("pool \(pool.name) event buffer overflowed, discarding event \(dropped)")
            }
            dispatch(pool, server: server, port: port)
        }
    }

    /// A listener of `group` became RUNNING: it may take buffered events.
    func listenerRunning(group: String, server: String, port: ListenerPort) {
        if let pool = pools[group] { dispatch(pool, server: server, port: port) }
    }

    /// A listener process was spawned: it starts ACKNOWLEDGED.
    func listenerSpawned(key: String, group: String) {
        pools[group]?.protocols[key] = ListenerProtocol()
    }

    /// A listener process exited: the event it held goes back to the front of the buffer.
    func listenerExited(key: String, group: String, server: String, port: ListenerPort) {
        guard let pool = pools[group] else { return }
        pool.protocols[key] = nil
        requeueInFlight(of: key, in: pool)
        dispatch(pool, server: server, port: port)
    }

    /// Bytes a listener wrote to its stdout: READY, RESULT, or a protocol error.
    func receive(_ bytes: [UInt8], from key: String, group: String, server: String, port: ListenerPort) {
        guard let pool = pools[group], pool.protocols[key] != nil else { return }
        let name = port.name(key)
        for outcome in pool.protocols[key]!.receive(bytes) {
            switch outcome {
            case .ready:
                break
            case .result(let accepted):
                if accepted {
                    pool.inFlight[key] = nil
                    logger.debug("\(name): event was processed")
                } else {
                    logger.warning("\(name): event was rejected")
                    requeueInFlight(of: key, in: pool)
                }
            case .protocolError(let message):
                logger.warning("\(name): \(message); listener state is now UNKNOWN")
                requeueInFlight(of: key, in: pool)
            }
        }
        dispatch(pool, server: server, port: port)
    }

    /// Sends buffered events to ready listeners, oldest first, until none is ready.
    private func dispatch(_ pool: EventListenerPool, server: String, port: ListenerPort) {
        while let (notification, poolSerial) = pool.buffer.next() {
            guard let key = pool.members.first(where: { port.isRunning($0) && pool.protocols[$0]?.state == .ready })
            else {
                _ = pool.buffer.requeue(notification, poolSerial: poolSerial)
                return
            }
            let envelope = notification.envelope(server: server, pool: pool.name, poolSerial: poolSerial)
            guard port.send(key, Array(envelope.utf8)) else {
                logger.debug("epipe occurred while sending event \(notification.serial) to listener \(port.name(key))")
                pool.protocols[key] = nil
                _ = pool.buffer.requeue(notification, poolSerial: poolSerial)
                continue
            }
            pool.protocols[key]?.sent()
            pool.inFlight[key] = (notification, poolSerial)
            logger.debug("event \(notification.serial) sent to listener \(port.name(key))")
        }
    }

    private func requeueInFlight(of key: String, in pool: EventListenerPool) {
        guard let (notification, poolSerial) = pool.inFlight.removeValue(forKey: key) else { return }
        if let dropped = pool.buffer.requeue(notification, poolSerial: poolSerial) {
            logger.error("pool \(pool.name) event buffer overflowed, discarding event \(dropped)")
        }
    }
}
