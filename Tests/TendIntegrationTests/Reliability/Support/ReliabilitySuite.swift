import Testing

/// The reliability suite's crash, durability, stop-escalation, load and disk-full parts, one after another:
/// their daemons spawn hundreds of processes, flood pipes or fill a disk, and the figures they report (CPU, RSS,
/// latency) mean something only when they do not run beside each other on a 2-core machine.
///
/// Run them alone with `swift test --filter ReliabilitySuite`.
@Suite(.serialized, .timeLimit(.minutes(4)))
enum ReliabilitySuite {}
