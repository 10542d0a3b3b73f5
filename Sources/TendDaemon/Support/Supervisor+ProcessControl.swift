import TendServer
import TendSupervisor

/// The supervisor is what the control server's routes act on. The conformance lives here, in the module that
/// assembles the two: `ProcessControl` speaks of `Configuration`, so it cannot sit in `TendAPI` below the
/// supervisor, and `TendSupervisor` must not import `TendServer`. Every requirement is one of the supervisor's own
/// methods.
extension Supervisor: ProcessControl {}
