import TendJobs

/// A `JobStoreEvent` as it travels between nodes in a `NOTIFY` payload.
///
/// The payload is `ORIGIN␟KIND␟FIELDS…` (fields separated by U+001F): `ORIGIN` names the store instance that sent
/// it, so that a store skips its own notifications (it publishes its own changes to its subscribers directly,
/// before the round trip). Kinds: `s` submitted (task), `b` started (one id, sent when the job's process is
/// recorded), `p` progressed (id), `f` finished
/// (id, expiry in ms), `t` termination requested (id, node), `l` node lost (node).
enum StoreNotification {
    /// The channel every Tend store of a database listens on.
    static let channel = "tend_jobs"
    static let separator: Character = "\u{1F}"

    /// The payload prefix for an event of `kind` from `origin`; the fields follow.
    static func prefix(origin: String, kind: Character) -> String {
        "\(origin)\(separator)\(kind)\(separator)"
    }

    /// The payload of `event` from `origin` (`started` carries one id per notification: payloads are limited to
    /// 8000 bytes).
    static func payloads(of event: JobStoreEvent, origin: String) -> [String] {
        let separator = String(separator)
        switch event {
        case .submitted(let task): return [prefix(origin: origin, kind: "s") + task]
        case .started(let ids): return ids.map { prefix(origin: origin, kind: "b") + $0.rawValue }
        case .progressed(let id): return [prefix(origin: origin, kind: "p") + id.rawValue]
        case .finished(let id, let expiresAt):
            return [prefix(origin: origin, kind: "f") + id.rawValue + separator + String(expiresAt.milliseconds)]
        case .terminationRequested(let id, let node):
            return [prefix(origin: origin, kind: "t") + id.rawValue + separator + node]
        case .nodeLost(let node): return [prefix(origin: origin, kind: "l") + node]
        case .heartbeat: return []
        }
    }

    /// Decodes a payload: its origin and event, or `nil` for a payload this code does not know (a newer Tend's).
    static func decode(_ payload: String) -> (origin: Substring, event: JobStoreEvent)? {
        let fields = payload.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[1].count == 1 else { return nil }
        let origin = fields[0]
        let first = String(fields[2])
        switch fields[1] {
        case "s": return (origin, .submitted(task: first))
        case "b": return (origin, .started([JobID(first)]))
        case "p": return (origin, .progressed(JobID(first)))
        case "f":
            guard fields.count == 4, let milliseconds = Int64(fields[3]) else { return nil }
            return (origin, .finished(JobID(first), expiresAt: JobTimestamp(milliseconds: milliseconds)))
        case "t":
            guard fields.count >= 4 else { return nil }
            let node = fields[3...].joined(separator: String(separator))
            return (origin, .terminationRequested(JobID(first), node: node))
        case "l": return (origin, .nodeLost(fields[2...].joined(separator: String(separator))))
        default: return nil
        }
    }
}
