/// One parsed constraint line: its kind, its arguments (monomer or binding site names) and the line itself.
public struct Constraint: Sendable, Hashable {
    /// What the constraint requires.
    public var kind: ConstraintKind
    /// The monomer names (or, for the pairing kinds, binding site names) it refers to.
    public var arguments: [String]
    /// The constraint line as written, for error messages.
    public var line: String

    /// Creates a constraint; ``TBN`` checks that its arguments exist.
    public init(kind: ConstraintKind, arguments: [String], line: String) {
        self.kind = kind
        self.arguments = arguments
        self.line = line
    }
}
