import TendAPI

extension Job {
    /// The job as the JSON API (`/api/v1/jobs`) shows it. Times are seconds since the epoch; `input`, `result` and
    /// `progress` are embedded as documents.
    public func jsonValue(includingInput: Bool = false) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(id.rawValue)),
            ("task", .string(task)),
            ("state", .string(state.rawValue)),
            ("attempts", .integer(attempts)),
            ("submitted_at", .double(submittedAt.secondsSinceEpoch)),
        ]
        func add(_ key: String, _ value: JSONValue?) {
            if let value { members.append((key, value)) }
        }
        add("started_at", startedAt.map { .double($0.secondsSinceEpoch) })
        add("finished_at", finishedAt.map { .double($0.secondsSinceEpoch) })
        add("expires_at", expiresAt.map { .double($0.secondsSinceEpoch) })
        add("node", node.map { .string($0) })
        add("pid", process.map { .integer($0.pid) })
        add("exit_status", exitStatus.map { .string($0) })
        add("message", message.map { .string($0) })
        if terminationRequested { add("termination_requested", .bool(true)) }
        add("progress", progress.flatMap { try? JSONParser.parse($0) })
        add("result", result.flatMap { $0.isEmpty ? nil : try? JSONParser.parse($0) })
        if includingInput { add("input", try? JSONParser.parse(input)) }
        return .object(members)
    }
}
