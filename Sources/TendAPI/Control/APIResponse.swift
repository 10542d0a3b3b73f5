/// The JSON answers of the control API that are not supervisor types, shared by the daemon and the CLI.
public enum APIResponse {
    /// `{}`: the request was accepted (reload, shutdown).
    public struct Empty: Codable, Sendable, Hashable {
        public init() {}
    }

    /// The body of every 4xx and 5xx answer.
    public struct Failure: Codable, Sendable, Hashable {
        /// What went wrong; several lines for a config with several errors.
        public var error: String
        /// supervisord's fault code (e.g. 10 for `BAD_NAME`), when the error is a supervisord fault.
        public var code: Int?

        public init(error: String, code: Int? = nil) {
            self.error = error
            self.code = code
        }
    }

    /// `GET /api/v1/pids`.
    public struct PIDs: Codable, Sendable, Hashable {
        /// One running child.
        public struct Child: Codable, Sendable, Hashable {
            public var name: String
            public var group: String
            public var pid: Int32

            public init(name: String, group: String, pid: Int32) {
                self.name = name
                self.group = group
                self.pid = pid
            }
        }

        /// The daemon's pid.
        public var daemon: Int32
        /// Every running child, in start order.
        public var children: [Child]

        public init(daemon: Int32, children: [Child]) {
            self.daemon = daemon
            self.children = children
        }
    }

    /// `GET /api/v1/daemon`.
    public struct DaemonInfo: Codable, Sendable, Hashable {
        public var pid: Int32
        /// `RUNNING`, `RESTARTING`, `SHUTDOWN` or `FATAL`.
        public var state: String
        /// Tend's version.
        public var version: String
        /// `[supervisord] identifier`.
        public var identification: String
        /// The config file in use.
        public var config: String
        /// Whether a TCP listener is bound beyond loopback without credentials (the dashboard warns about it).
        public var exposed: Bool = false

        public init(pid: Int32, state: String, version: String, identification: String, config: String) {
            self.pid = pid
            self.state = state
            self.version = version
            self.identification = identification
            self.config = config
        }
    }
}
