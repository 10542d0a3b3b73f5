/// Where one output stream of a child goes, and how its log file rotates.
public struct LogSpec: Sendable, Hashable, Codable {
    /// The log file: `AUTO` (a file in `childlogdir`), `NONE`, or a path.
    public enum Destination: Sendable, Hashable, Codable {
        /// A file created in `childlogdir`, named after the process (supervisord's `AUTO`).
        case automatic
        /// The stream is read and discarded (kept only in the in-memory tail).
        case none
        /// This path.
        case file(String)
    }

    /// Where the stream is written. Default `.automatic`.
    public var destination: Destination
    /// Rotate when the file reaches this size; 0 never rotates. Default 50 MB.
    public var maxBytes: Int64
    /// Rotated files kept (`name.1` … `name.N`); 0 truncates instead. Default 10.
    public var backups: Int
    /// `*_capture_maxbytes` (capture mode for PROCESS_COMMUNICATION events). Default 0.
    public var captureMaxBytes: Int64
    /// Emit PROCESS_LOG events for this stream. Default `false`.
    public var eventsEnabled: Bool
    /// Also send lines to syslog (accepted, not implemented: a warning is reported). Default `false`.
    public var syslog: Bool

    /// A spec with supervisord's defaults.
    public init(
        destination: Destination = .automatic,
        maxBytes: Int64 = 50 * 1024 * 1024,
        backups: Int = 10,
        captureMaxBytes: Int64 = 0,
        eventsEnabled: Bool = false,
        syslog: Bool = false
    ) {
        self.destination = destination
        self.maxBytes = maxBytes
        self.backups = backups
        self.captureMaxBytes = captureMaxBytes
        self.eventsEnabled = eventsEnabled
        self.syslog = syslog
    }
}
