import TendConfig

/// Names signals for log lines (`SIGKILL`).
public enum SignalNameLookup {
    /// `SIGKILL` for 9; the number for a signal without a name.
    public static func describe(_ signal: Int32) -> String {
        SignalName(number: signal).description
    }
}
