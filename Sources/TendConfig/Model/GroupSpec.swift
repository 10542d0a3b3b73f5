/// A process group: the processes of one `[program:x]` (homogeneous) or the programs named by a
/// `[group:x]` section (heterogeneous).
public struct GroupSpec: Sendable, Hashable, Codable {
    /// What kind of section defined the group.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A `[program:x]` section that is not part of a `[group:x]`.
        case program
        /// A `[group:x]` section.
        case group
        /// An `[eventlistener:x]` pool.
        case eventListener
        /// A program of ncolony's config directory (one file, one program, one group).
        case ncolony
    }

    /// The group name.
    public var name: String
    /// The group's priority (start order among groups). Default 999.
    public var priority: Int
    /// The kind of section.
    public var kind: Kind
    /// The group's processes, in priority order then name.
    public var programs: [ProgramSpec]
    /// The pool settings of an `[eventlistener:x]` group; `nil` for other groups.
    public var eventListener: EventListenerSettings?
    /// Where the section was written (for diagnostics; not part of equality).
    public var location: SourceLocation?

    public init(
        name: String, priority: Int, kind: Kind, programs: [ProgramSpec], eventListener: EventListenerSettings? = nil,
        location: SourceLocation? = nil
    ) {
        self.name = name
        self.priority = priority
        self.kind = kind
        self.programs = programs
        self.eventListener = eventListener
        self.location = location
    }

    public static func == (lhs: GroupSpec, rhs: GroupSpec) -> Bool {
        lhs.name == rhs.name && lhs.priority == rhs.priority && lhs.kind == rhs.kind && lhs.programs == rhs.programs
            && lhs.eventListener == rhs.eventListener
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(priority)
        hasher.combine(kind)
        hasher.combine(programs)
        hasher.combine(eventListener)
    }
}
