import Logging
import Synchronization
import TendPlatform

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
    /// A failing log file (a full disk) is reported on standard error once when it starts failing and once
    /// when it works again, with the number of bytes lost.
    /// - Throws: `SystemError` when the log file cannot be opened, with the path and the reason.
    public init(path: String?, maxBytes: Int64, backups: Int, echoToStandardOutput: Bool) throws(SystemError) {
        self.path = path
        self.echo = echoToStandardOutput
        let opened = try path.map { (path) throws(SystemError) in
            try LogFile(path: path, maxBytes: maxBytes, backups: backups) { problem in
                let line = Array("\(LocalTime.logTimestamp()) ERRO daemon log: \(problem)\n".utf8)
                _ = line.withUnsafeBytes { Descriptor.writeAll(Descriptor.standardError, from: $0) }
            }
        }
        file = Mutex(opened)
    }

    /// Writes one formatted line.
    public func write(level: String, message: String) {
        var line = LocalTime.logTimestamp() + " " + level + " " + message + "\n"
        line.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            file.withLock { $0?.write(raw) }
            if echo { _ = Descriptor.writeAll(Descriptor.standardOutput, from: raw) }
        }
    }

    /// Reopens the file (SIGUSR2, as supervisord).
    public func reopen() {
        file.withLock { $0?.reopen() }
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
