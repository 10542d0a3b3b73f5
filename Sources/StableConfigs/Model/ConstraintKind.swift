/// The eight kinds of constraint a constraint line can state.
public enum ConstraintKind: String, Sendable, Hashable, CaseIterable {
    /// `TOGETHER m1 m2 …`: the monomers are in one polymer.
    case together = "TOGETHER"
    /// `NOTTOGETHER m1 m2`: the two monomers are in different polymers.
    case notTogether = "NOTTOGETHER"
    /// `FREE m`: the monomer is a polymer on its own.
    case free = "FREE"
    /// `NOTFREE m`: the monomer shares its polymer with at least one other monomer.
    case notFree = "NOTFREE"
    /// `PAIRED s1 s2`: the two binding sites are bound to each other.
    case paired = "PAIRED"
    /// `NOTPAIRED s1 s2`: the two binding sites are not bound to each other.
    case notPaired = "NOTPAIRED"
    /// `ANYPAIRED s`: the binding site is bound.
    case anyPaired = "ANYPAIRED"
    /// `NOTANYPAIRED s`: the binding site is not bound.
    case notAnyPaired = "NOTANYPAIRED"

    /// The exact number of arguments, or `nil` for `TOGETHER`, which takes two or more.
    public var argumentCount: Int? {
        switch self {
        case .together: nil
        case .notTogether, .paired, .notPaired: 2
        case .free, .notFree, .anyPaired, .notAnyPaired: 1
        }
    }

    /// Whether the arguments name binding sites (otherwise they name monomers).
    public var refersToBindingSites: Bool {
        switch self {
        case .paired, .notPaired, .anyPaired, .notAnyPaired: true
        case .together, .notTogether, .free, .notFree: false
        }
    }
}
