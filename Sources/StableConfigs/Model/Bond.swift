/// A bond of a configuration: a limiting site bound to a complementary site.
public struct Bond: Sendable, Hashable {
    /// The site on the limiting side of its domain.
    public var limiting: TBN.SiteReference
    /// The complementary site it is bound to.
    public var partner: TBN.SiteReference

    /// Creates a bond.
    public init(limiting: TBN.SiteReference, partner: TBN.SiteReference) {
        self.limiting = limiting
        self.partner = partner
    }
}
