/// Whether a process may start now, by its `depends_on`.
enum DependencyCheck: Equatable {
    /// Every dependency meets its condition.
    case met
    /// These dependencies do not yet (`redis`, `db to be healthy`).
    case waiting([String])
    /// A dependency can no longer meet its condition, and why.
    case failed(String)
}
