/// A process or group named as supervisord's clients name them: `name` (the process `name` of the
/// group `name`), `group:name`, or `group:*` / `group:` for a whole group.
struct Namespec: Sendable, Hashable {
    /// The group part.
    let group: String
    /// The process part; `nil` for a whole group.
    let process: String?

    /// Splits `text` as supervisord's `split_namespec` does.
    init(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else {
            group = text
            process = text
            return
        }
        group = String(text[..<colon])
        let name = String(text[text.index(after: colon)...])
        process = name.isEmpty || name == "*" ? nil : name
    }

    /// supervisord's `make_namespec`: `name` when the process is alone in a group of the same name,
    /// else `group:name`.
    static func make(group: String, process: String) -> String {
        group == process ? process : "\(group):\(process)"
    }
}
