/// A monomer: a multiset of binding sites, optionally named (`>name`) so that constraints can refer to it.
public struct Monomer: Sendable, Hashable {
    /// The binding sites in input order.
    public var sites: [BindingSite]
    /// The monomer's name from `>name`, if any.
    public var name: String?

    /// Creates a monomer.
    public init(sites: [BindingSite], name: String? = nil) {
        self.sites = sites
        self.name = name
    }

    /// The monomer as a list of tokens, as results show it: its sites, then `>name` when it has a name.
    public var tokens: [String] {
        var tokens = sites.map(\.token)
        if let name { tokens.append(">" + name) }
        return tokens
    }
}
