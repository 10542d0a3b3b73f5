/// Parses one constraint line, `KIND arg…` with `#` comments, against the monomers already parsed.
enum ConstraintLineParser {
    /// The constraint on `line`, or `nil` for a blank or comment line.
    static func parse(_ line: String, in tbn: TBN) throws(TBNError) -> Constraint? {
        var words: [String] = []
        for rawToken in LineTokenizer.tokens(of: line) {
            guard let (token, hadComment) = LineTokenizer.cutComment(rawToken) else { break }
            words.append(String(token))
            if hadComment { break }
        }
        guard let kindWord = words.first else { return nil }
        guard let kind = ConstraintKind(rawValue: kindWord) else {
            throw .invalidConstraint(line: line, kind: kindWord)
        }
        let arguments = Array(words.dropFirst())
        if let expected = kind.argumentCount {
            if arguments.count != expected {
                throw .argumentCount(line: line, kind: kindWord, expected: String(expected), actual: arguments.count)
            }
        } else if arguments.count < 2 {
            throw .argumentCount(line: line, kind: kindWord, expected: "at least 2", actual: arguments.count)
        }
        for argument in arguments {
            if kind.refersToBindingSites {
                if tbn.site(named: argument) == nil { throw .nonexistentBindingSite(line: line, name: argument) }
            } else if tbn.monomerIndex(named: argument) == nil {
                throw .nonexistentMonomer(line: line, name: argument)
            }
        }
        return Constraint(kind: kind, arguments: arguments, line: line)
    }
}
