/// The JSON bodies of the control API's POST requests, shared by the daemon and the CLI.
public enum APIRequest {
    /// `POST /api/v1/programs/start|stop|restart|clear`: which processes, and whether to answer only
    /// once they reached their new state.
    public struct Names: Codable, Sendable, Hashable {
        /// `all`, `group:*`, `group:name` or `name`, as supervisorctl takes them.
        public var names: [String]
        /// Answer once each process is running (start) or stopped (stop). Default true.
        public var wait: Bool?

        public init(names: [String], wait: Bool? = nil) {
            self.names = names
            self.wait = wait
        }
    }

    /// `POST /api/v1/programs/signal`.
    public struct Signal: Codable, Sendable, Hashable {
        public var names: [String]
        /// `HUP`, `SIGHUP` or a number.
        public var signal: String

        public init(names: [String], signal: String) {
            self.names = names
            self.signal = signal
        }
    }

    /// `POST /api/v1/update`: the groups to update; none or absent means every group.
    public struct Groups: Codable, Sendable, Hashable {
        public var groups: [String]?

        public init(groups: [String]? = nil) {
            self.groups = groups
        }
    }
}
