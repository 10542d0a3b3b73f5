/// What `update` did to one group: `web: added process group`, `web: stopped`, `web: updated process group`.
public struct UpdateResult: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case added, changed, removed
    }

    public var group: String
    public var action: Action
    /// `nil` on success.
    public var error: SupervisorError?

    public init(group: String, action: Action, error: SupervisorError? = nil) {
        self.group = group
        self.action = action
        self.error = error
    }
}
