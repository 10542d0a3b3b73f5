/// How durable an accepted job is on the SQLite store (`[tend] job_durability`).
public enum JobDurability: String, Sendable, Hashable, Codable, CaseIterable {
    /// The commit is in SQLite's write-ahead log before the answer: it survives `kill -9` of the daemon, but the last
    /// commits may be lost if the machine itself goes down (power loss, kernel panic). SQLite `synchronous = NORMAL`.
    case normal
    /// The commit is fsynced before the answer: it survives the machine going down too, at the cost of an fsync per
    /// commit (shared by the requests of one group commit). SQLite `synchronous = FULL`.
    case full
}
