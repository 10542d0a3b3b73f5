/// A thermodynamic binding network: monomers in input order, with the constraints stated on them.
///
/// Build one by parsing (``parse(monomerText:constraintText:)``); parsing checks everything the input
/// grammar requires, so every name a constraint uses resolves.
public struct TBN: Sendable {
    /// Where a named binding site is: a monomer index and a site index within that monomer.
    public struct SiteReference: Sendable, Hashable {
        /// The index into ``TBN/monomers``.
        public var monomer: Int
        /// The index into that monomer's ``Monomer/sites``.
        public var site: Int

        /// Creates a reference to site `site` of monomer `monomer`.
        public init(monomer: Int, site: Int) {
            self.monomer = monomer
            self.site = site
        }
    }

    /// The monomers, in input order.
    public internal(set) var monomers: [Monomer] = []
    /// The constraints, in input order.
    public internal(set) var constraints: [Constraint] = []
    var monomersByName: [String: Int] = [:]
    var sitesByName: [String: SiteReference] = [:]

    init() {}

    /// The index of the monomer named `name`, if there is one.
    public func monomerIndex(named name: String) -> Int? { monomersByName[name] }

    /// Where the binding site named `name` is, if there is one.
    public func site(named name: String) -> SiteReference? { sitesByName[name] }

    /// The binding site at `reference`.
    public subscript(reference: SiteReference) -> BindingSite {
        monomers[reference.monomer].sites[reference.site]
    }

    /// Parses a TBN from its monomer lines and constraint lines (the contents of the two input files).
    ///
    /// - Throws: ``TBNError`` for the first problem found, monomer lines first: e.g.
    ///   `Input contains no monomers.`, `Duplicate Monomer name. '<line>'`,
    ///   `Monomer 'mon1' does not exist. 'FREE mon1'`.
    public static func parse(monomerLines: [String], constraintLines: [String] = []) throws(TBNError) -> TBN {
        var tbn = TBN()
        for line in monomerLines {
            try MonomerLineParser.parse(line, into: &tbn)
        }
        if tbn.monomers.isEmpty { throw .emptyInput() }
        for line in constraintLines {
            if let constraint = try ConstraintLineParser.parse(line, in: tbn) {
                tbn.constraints.append(constraint)
            }
        }
        return tbn
    }

    /// The lines of a file's text, without line terminators, as ``parse(monomerLines:constraintLines:)``
    /// takes them.
    public static func lines(of text: String) -> [String] {
        LineTokenizer.lines(of: text)
    }

    /// Parses a TBN from the text of a monomer file and of a constraint file; see
    /// ``parse(monomerLines:constraintLines:)``.
    public static func parse(monomerText: String, constraintText: String = "") throws(TBNError) -> TBN {
        try parse(
            monomerLines: LineTokenizer.lines(of: monomerText), constraintLines: LineTokenizer.lines(of: constraintText)
        )
    }
}
