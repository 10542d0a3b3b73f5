/// Parses one monomer line: whitespace-separated sites (`a`, `a*`, `a*:name`), an optional `>name` that
/// ends the line, and `#` comments.
enum MonomerLineParser {
    /// Adds the monomer on `line` to `tbn`; a line with no site (blank, comment, a lone `>name`) adds nothing.
    static func parse(_ line: String, into tbn: inout TBN) throws(TBNError) {
        var sites: [BindingSite] = []
        var monomerName: String?
        for rawToken in LineTokenizer.tokens(of: line) {
            if rawToken.first == "*" { throw .invalidBindingSiteName(line: line) }
            guard let (token, hadComment) = LineTokenizer.cutComment(rawToken) else { break }
            if token.first == ">" {
                let name = String(token.dropFirst())
                if name.isEmpty { throw .emptyMonomerName(line: line) }
                monomerName = name
                break
            }
            let site = try parseSite(token, line: line)
            if let name = site.name {
                if tbn.sitesByName[name] != nil { throw .duplicateBindingSiteName(line: line) }
                tbn.sitesByName[name] = TBN.SiteReference(monomer: tbn.monomers.count, site: sites.count)
            }
            sites.append(site)
            if hadComment { break }
        }
        guard !sites.isEmpty else { return }
        if let monomerName {
            if tbn.monomersByName[monomerName] != nil { throw .duplicateMonomerName(line: line) }
            tbn.monomersByName[monomerName] = tbn.monomers.count
        }
        tbn.monomers.append(Monomer(sites: sites, name: monomerName))
    }

    /// Parses `domain`, `domain*` or either with `:name`; everything after the first `*` of the site part
    /// is ignored, as the reference does.
    private static func parseSite(_ token: Substring, line: String) throws(TBNError) -> BindingSite {
        var sitePart = token
        var name: String?
        if let colon = token.firstIndex(of: ":") {
            if colon == token.startIndex { throw .invalidBindingSiteName(line: line) }
            sitePart = token[..<colon]
            let namePart = token[token.index(after: colon)...]
            if namePart.isEmpty { throw .invalidBindingSiteName(line: line) }
            name = String(namePart)
        }
        if let star = sitePart.firstIndex(of: "*") {
            return BindingSite(domain: String(sitePart[..<star]), isComplement: true, name: name)
        }
        return BindingSite(domain: String(sitePart), isComplement: false, name: name)
    }
}
