/// One binding site of a monomer: a domain, on its plain side (`a`) or its complementary side (`a*`),
/// optionally named (`a*:s1`) so that constraints can refer to it.
public struct BindingSite: Sendable, Hashable {
    /// The domain, e.g. `a` for both `a` and `a*`.
    public var domain: String
    /// Whether the site is the complement (`a*`); complementary sites bind plain sites of the same domain.
    public var isComplement: Bool
    /// The site's name from `site:name`, if any.
    public var name: String?

    /// Creates a binding site.
    public init(domain: String, isComplement: Bool, name: String? = nil) {
        self.domain = domain
        self.isComplement = isComplement
        self.name = name
    }

    /// The site as the input grammar writes it, e.g. `a*:s1`; this is also its form in results.
    public var token: String {
        let side = isComplement ? domain + "*" : domain
        guard let name else { return side }
        return side + ":" + name
    }

    /// Whether this site can bind `other`: the same domain, opposite sides.
    public func isComplementary(to other: BindingSite) -> Bool {
        domain == other.domain && isComplement != other.isComplement
    }
}
