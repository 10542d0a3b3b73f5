import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the daemon's own log goes: its log file (rotated like child logs) and, in the foreground,
/// standard output. Lines read as supervisord's: `2026-11-22 10:00:00,123 INFO spawned: 'web' with pid 4242`.
public final class DaemonLogSink: Sendable {
    private let file: Mutex<LogFile?>
    private let echo: Bool
    /// The log file's path, or `nil` when logging to a file is off.
    public let path: String?

    /// - Parameters:
    ///   - path: the log file, or `nil` for none.
    ///   - echoToStandardOutput: also write each line to stdout (the daemon in the foreground).
    /// - Throws: when the log file cannot be opened, with the path and the reason.
    public init(path: String?, maxBytes: Int64, backups: Int, echoToStandardOutput: Bool) throws {
        self.path = path
        self.echo = echoToStandardOutput
        let opened = try path.map { (path) throws(LogFileError) in try LogFile(path: path, maxBytes: maxBytes, backups: backups) }
        file = Mutex(opened)
    }

    /// Writes one formatted line.
    public func write(level: String, message: String) {
        var line = Self.timestamp() + " " + level + " " + message + "\n"
        line.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            file.withLock { $0?.write(raw) }
            if echo { _ = Glibc.write(1, raw.baseAddress, raw.count) }
        }
    }

    /// Reopens the file (SIGUSR2, as supervisord).
    public func reopen() {
        file.withLock { try? $0?.reopen() }
    }

    /// `2026-11-22 10:00:00,123` in local time.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        let millis = now.tv_nsec / 1_000_000
        let pad = millis < 10 ? "00" : millis < 100 ? "0" : ""
        let prefix = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return prefix + ",\(pad)\(millis)"
    }
}

/// A swift-log handler that writes to a `DaemonLogSink` in supervisord's format and level names
/// (`CRIT`, `ERRO`, `WARN`, `INFO`, `DEBG`, `TRAC`).
public struct DaemonLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let sink: DaemonLogSink

    public init(sink: DaemonLogSink, level: Logger.Level) {
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let name: String
        switch event.level {
        case .critical: name = "CRIT"
        case .error: name = "ERRO"
        case .warning: name = "WARN"
        case .notice, .info: name = "INFO"
        case .debug: name = "DEBG"
        case .trace: name = "TRAC"
        }
        sink.write(level: name, message: event.message.description)
    }
}
