/// A process or group named as supervisord's clients name them: `name` (the process `name` of the
/// group `name`), `group:name`, or `group:*` / `group:` for a whole group.
///
/// The one place where names are split (`split_namespec`) and joined (`make_namespec`), for the daemon, the
/// XML-RPC layer and the CLI alike.
public struct Namespec: Sendable, Hashable, CustomStringConvertible {
    /// The group part.
    public let group: String
    /// The process part; `nil` for a whole group.
    public let process: String?

    /// Splits `text` as supervisord's `split_namespec` does: `g:*` and `g:` → (g, nil); `g:p` → (g, p);
    /// `p` → (p, p).
    public init(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else {
            group = text
            process = text
            return
        }
        group = String(text[..<colon])
        let name = String(text[text.index(after: colon)...])
        process = name.isEmpty || name == "*" ? nil : name
    }

    /// The process `process` of `group`.
    public init(group: String, process: String?) {
        self.group = group
        self.process = process
    }

    /// supervisord's `make_namespec`: `name` when the process is alone in a group of the same name,
    /// else `group:name`.
    public static func make(group: String, process: String) -> String {
        group == process ? process : qualified(group: group, process: process)
    }

    /// Always `group:name`: the key a process has in the daemon.
    public static func qualified(group: String, process: String) -> String {
        "\(group):\(process)"
    }

    /// `group:name`, or `group:*` for a whole group.
    public var description: String {
        process.map { Self.qualified(group: group, process: $0) } ?? "\(group):*"
    }
}
