import TendConfig

/// Names signals for log lines (`SIGKILL`).
enum SignalNameLookup {
    static func describe(_ signal: Int32) -> String {
        SignalName(number: signal).description
    }
}
