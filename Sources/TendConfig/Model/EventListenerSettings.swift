/// The settings of an `[eventlistener:x]` pool beyond those of its processes.
public struct EventListenerSettings: Sendable, Hashable, Codable {
    /// The event type names the pool subscribes to (`PROCESS_STATE`, `TICK_60`, …), as written.
    public var events: [String]
    /// Events queued for the pool before the oldest is dropped. Default 10.
    public var bufferSize: Int
    /// `result_handler` (only supervisord's default, `OK` accepts and anything else rejects, is run).
    public var resultHandler: String?

    public init(events: [String], bufferSize: Int = 10, resultHandler: String? = nil) {
        self.events = events
        self.bufferSize = bufferSize
        self.resultHandler = resultHandler
    }
}
