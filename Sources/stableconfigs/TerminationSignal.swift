import StableConfigs

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGTERM as a stop request: a job asked to stop ends at the solver's next check point with
/// `Early Termination at count [c] min polymers [k].` (exit status 3), as the StableConfigs server's worker did
/// when its task was aborted.
enum TerminationSignal {
    /// The request the handler sets; the solver checks it.
    static let stop = StopRequest()

    /// Installs the handler. It only stores to an atomic, which is async-signal-safe.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in TerminationSignal.stop.request() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGTERM, &action, nil)
    }
}
