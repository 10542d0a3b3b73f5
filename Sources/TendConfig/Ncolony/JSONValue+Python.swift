import TendAPI

/// JSON as Python's `json.dumps` writes it with its defaults, which is how `ncolony ctl` writes its files: so that
/// `tend add` and `tend restart` write the same bytes and either tool can manage a directory the other reads.
extension JSONValue {
    /// The text of `json.dumps(json.loads(text))` for this value: `", "` and `": "` separators, non-ASCII and
    /// control characters as `\uXXXX`, a repeated object key kept at its first place with its last value (a
    /// Python dict), integers as integers and other numbers as Python's shortest `repr` of the float.
    public var pythonText: String {
        var out = ""
        writePython(to: &out)
        return out
    }

    /// The members of a Python dict built from `members` in order: a repeated key keeps its first position and
    /// takes the last value (as `dict.update` and `json.loads` do).
    public static func pythonDictionary(
        _ members: [(key: String, value: JSONValue)]
    ) -> [(key: String, value: JSONValue)] {
        var result: [(key: String, value: JSONValue)] = []
        var positions: [String: Int] = [:]
        for member in members {
            if let index = positions[member.key] {
                result[index].value = member.value
            } else {
                positions[member.key] = result.count
                result.append(member)
            }
        }
        return result
    }

    private func writePython(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += Self.pythonNumber(text)
        case .string(let text): Self.writePythonString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.writePython(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in Self.pythonDictionary(members).enumerated() {
                if index > 0 { out += ", " }
                Self.writePythonString(member.key, to: &out)
                out += ": "
                member.value.writePython(to: &out)
            }
            out += "}"
        }
    }

    /// A JSON number as Python writes it back: an integer keeps its digits (`-0` is `0`); a fraction or an
    /// exponent makes a float, written as its shortest repr (`1.50` is `1.5`, `1e5` is `100000.0`).
    private static func pythonNumber(_ text: String) -> String {
        guard text.contains(where: { ".eE".contains($0) }) else { return text == "-0" ? "0" : text }
        guard let value = Double(text) else { return text }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    private static func writePythonString(_ text: String, to out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        out += "\""
    }
}
