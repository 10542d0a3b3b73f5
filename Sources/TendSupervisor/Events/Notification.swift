import TendAPI

/// One event as event listeners receive it: its type, its payload text, and its global serial.
public struct Notification: Sendable, Hashable {
    public var name: EventName
    public var payload: String
    /// The daemon-wide serial, assigned when the event is first buffered by any pool.
    public var serial: Int

    public init(name: EventName, payload: String, serial: Int) {
        self.name = name
        self.payload = payload
        self.serial = serial
    }

    /// `processname:web groupname:web from_state:STARTING pid:4242`, as supervisord renders
    /// PROCESS_STATE payloads (`tries` for STARTING/BACKOFF, `expected` and `pid` for EXITED, `pid` for
    /// RUNNING/STOPPING/STOPPED).
    public static func processStatePayload(
        name: String, group: String, from: ProcessState, to: ProcessState, pid: Int32, tries: Int, expected: Bool
    ) -> String {
        var text = "processname:\(name) groupname:\(group) from_state:\(from.name)"
        switch to {
        case .starting, .backoff: text += " tries:\(tries)"
        case .exited: text += " expected:\(expected ? 1 : 0) pid:\(pid)"
        case .running, .stopping, .stopped: text += " pid:\(pid)"
        default: break
        }
        return text
    }

    /// The header line and payload sent to a listener (supervisord's `_eventEnvelope`). `len` counts
    /// characters (code points), as Python listeners read them.
    public func envelope(server: String, pool: String, poolSerial: Int) -> String {
        "ver:3.0 server:\(server) serial:\(serial) pool:\(pool) poolserial:\(poolSerial) "
            + "eventname:\(name.rawValue) len:\(payload.unicodeScalars.count)\n\(payload)"
    }
}
