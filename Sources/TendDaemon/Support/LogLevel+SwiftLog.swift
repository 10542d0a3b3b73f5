import Logging
import TendConfig

extension LogLevel {
    /// The swift-log level that shows the same lines.
    var swiftLogLevel: Logger.Level {
        switch self {
        case .critical: .critical
        case .error: .error
        case .warn: .warning
        case .info: .info
        case .debug: .debug
        case .trace, .blather: .trace
        }
    }
}
