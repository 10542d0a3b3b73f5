import TendAPI

/// supervisorctl's ways of naming processes and laying out its tables, so that `tend` prints what
/// scripts written against supervisorctl 4.3 expect.
public enum SupervisorctlFormat {
    /// One row of `status`.
    public struct StatusRow: Sendable, Hashable {
        public var group: String
        public var name: String
        /// `RUNNING`, `STOPPED`, …
        public var state: String
        /// `pid 42, uptime 0:01:02`, `Not started`, …
        public var description: String

        public init(group: String, name: String, state: String, description: String) {
            self.group = group
            self.name = name
            self.state = state
            self.description = description
        }
    }

    /// The lines of `status`: the name padded to 3 more than the longest name (at least 30), the
    /// state padded to 10, then the description (supervisorctl's `_show_statuses`).
    public static func statusLines(_ rows: [StatusRow]) -> [String] {
        let names = rows.map { Namespec.make(group: $0.group, process: $0.name) }
        let width = max(30, names.map(\.unicodeScalars.count).max() ?? 0) + 3
        return zip(names, rows).map { name, row in
            // A state longer than its column (`RUNNING (healthy)`) keeps a space before the description.
            padded(name, to: width) + (row.state.count >= 10 ? row.state + " " : padded(row.state, to: 10))
                + row.description
        }
    }

    /// One line of `avail`: `%(name)-32s %(inuse)-9s %(autostart)-9s %(group_prio)s:%(process_prio)s`.
    public static func availLine(
        group: String, name: String, inUse: Bool, autostart: Bool, groupPriority: Int, priority: Int
    ) -> String {
        padded(Namespec.make(group: group, process: name), to: 32) + " " + padded(inUse ? "in use" : "avail", to: 9)
            + " "
            + padded(autostart ? "auto" : "manual", to: 9) + " \(groupPriority):\(priority)"
    }

    /// The lines of `reread`: `name: available|changed|disappeared`, sorted by name, or
    /// `No config updates to processes`.
    public static func changeLines(added: [String], changed: [String], removed: [String]) -> [String] {
        var kinds: [String: String] = [:]
        for name in added { kinds[name] = "available" }
        for name in changed { kinds[name] = "changed" }
        for name in removed { kinds[name] = "disappeared" }
        guard !kinds.isEmpty else { return ["No config updates to processes"] }
        return kinds.keys.sorted().map { "\($0): \(kinds[$0]!)" }
    }

    /// Python's `'%-Ns' % text`: `text` followed by spaces up to `width` characters (never cut).
    public static func padded(_ text: String, to width: Int) -> String {
        let count = text.unicodeScalars.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }
}
