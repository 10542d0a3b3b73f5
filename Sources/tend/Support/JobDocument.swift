import TendAPI
import TendClient
import TendPlatform

/// A job as the daemon's `/api/v1/jobs` answers describe it, read from their JSON.
struct JobDocument {
    let value: JSONValue

    /// Parses a job object (or throws when the daemon answered something else).
    init(_ bytes: [UInt8]) throws(CLIError) {
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw CLIError("unexpected answer from the daemon: \(error)")
        }
    }

    init(value: JSONValue) {
        self.value = value
    }

    var id: String { value["id"]?.stringValue ?? "?" }
    var task: String { value["task"]?.stringValue ?? "?" }
    var state: String { value["state"]?.stringValue ?? "?" }
    var message: String? { value["message"]?.stringValue }
    var isFinished: Bool { JobState(rawValue: state)?.isFinished ?? true }

    /// The progress fields as `count=3 k=2`, or `nil` when the job reported none.
    var progressSummary: String? {
        guard case .object(let members)? = value["progress"], !members.isEmpty else { return nil }
        return members.map { "\($0.key)=\(Self.plain($0.value))" }.joined(separator: " ")
    }

    /// `key: value` lines for a person, in a fixed order.
    var report: String {
        var lines: [(String, String)] = [("id", id), ("task", task), ("state", state)]
        for (key, label) in [("node", "node"), ("pid", "pid"), ("attempts", "attempts"), ("exit_status", "exit")] {
            if let field = value[key] { lines.append((label, Self.plain(field))) }
        }
        for key in ["submitted_at", "started_at", "finished_at", "expires_at"] {
            if case .number(let text)? = value[key], let seconds = Double(text) {
                lines.append((String(key.dropLast(3)), LocalTime.format(secondsSinceEpoch: seconds)))
            }
        }
        if let message { lines.append(("message", message)) }
        if let progress = value["progress"] { lines.append(("progress", progress.text)) }
        if let result = value["result"] { lines.append(("result", result.text)) }
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }
            .joined(separator: "\n")
    }

    /// A value without quotes when it is a string.
    static func plain(_ value: JSONValue) -> String {
        value.stringValue ?? value.text
    }
}
