/// A strict reader of the XML that XML-RPC uses: elements (attributes are checked and dropped), text
/// with the five predefined entities and character references, CDATA sections, comments and processing
/// instructions. Anything not well-formed is an error: a bad or mismatched tag, an unknown entity, a bare
/// `&`, a control character, invalid UTF-8, content after the root element.
///
/// It accepts no document type declaration (XML-RPC has none, and entity declarations are how parsers
/// are blown up) and no nesting deeper than `maxDepth`. Written here rather than using FoundationXML,
/// which links all of Foundation, ICU and libxml2 into the daemon (about 9 MiB more resident memory).
struct XMLScanner {
    private var bytes: [UInt8]
    private var index = 0
    private let maxDepth: Int

    /// A scanner over the document `bytes`.
    init(_ bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// The root element of the document.
    /// - Throws: `XMLRPCDecodingError` saying what is not well-formed, and where.
    mutating func parseDocument() throws(XMLRPCDecodingError) -> XMLElementNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if let encoding = try declaredEncoding() {
            if Self.latin1Encodings.contains(encoding) {
                // Every byte is the code point of the same number: as UTF-8, the declaration keeps its place.
                bytes = Array(String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })).utf8)
            } else if !Self.acceptedEncodings.contains(encoding) {
                throw failure("the declared encoding '\(encoding)' is not supported: send UTF-8")
            }
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw failure("the document is not valid UTF-8") }
        try skipMisc()
        guard peek == UInt8(ascii: "<") else { throw failure("there is no root element") }
        let root = try parseElement(depth: 1)
        try skipMisc()
        guard index == bytes.count else { throw failure("content after the root element") }
        return root
    }

    // MARK: - Structure

    private mutating func parseElement(depth: Int) throws(XMLRPCDecodingError) -> XMLElementNode {
        guard depth <= maxDepth else { throw failure("elements nest deeper than \(maxDepth) levels") }
        index += 1  // "<"
        let name = try parseName()
        if try parseAttributes() { return XMLElementNode(name: name) }
        var node = XMLElementNode(name: name)
        var text: [UInt8] = []
        while true {
            guard let byte = peek else { throw failure("the document ends inside <\(name)>") }
            if byte == UInt8(ascii: "&") {
                text += try parseReference()
            } else if byte != UInt8(ascii: "<") {
                try appendCharacters(to: &text)
            } else if starts(with: "</") {
                index += 2
                let closing = try parseName()
                skipWhitespace()
                try expect(">")
                guard closing == name else { throw failure("</\(closing)> closes <\(name)>") }
                node.text = String(decoding: text, as: UTF8.self)
                return node
            } else if starts(with: "<![CDATA[") {
                index += 9
                let end = try position(of: "]]>", what: "a CDATA section")
                text += bytes[index..<end]
                index = end + 3
            } else if starts(with: "<!--") || starts(with: "<?") {
                try skipCommentOrInstruction()
            } else if starts(with: "<!") {
                throw failure("a declaration inside <\(name)>")
            } else {
                node.children.append(try parseElement(depth: depth + 1))
            }
        }
    }

    /// Reads the attributes up to `>` or `/>` (checked for form and duplicates, then dropped).
    /// - Returns: true when the tag closes itself (`/>`).
    private mutating func parseAttributes() throws(XMLRPCDecodingError) -> Bool {
        var seen: Set<String> = []
        while true {
            let spaced = skipWhitespace()
            if starts(with: "/>") {
                index += 2
                return true
            }
            if peek == UInt8(ascii: ">") {
                index += 1
                return false
            }
            guard spaced else { throw failure("a tag's attributes must be separated by white space") }
            let attribute = try parseName()
            guard seen.insert(attribute).inserted else { throw failure("attribute \(attribute) is repeated") }
            skipWhitespace()
            try expect("=")
            skipWhitespace()
            guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw failure("the value of attribute \(attribute) is not quoted")
            }
            index += 1
            while peek != quote {
                guard let byte = peek else { throw failure("the value of attribute \(attribute) is not closed") }
                if byte == UInt8(ascii: "<") { throw failure("'<' in the value of attribute \(attribute)") }
                if byte == UInt8(ascii: "&") { _ = try parseReference() } else { index += 1 }
            }
            index += 1
        }
    }

    /// The encodings this scanner reads as they are declared: the document is read as UTF-8, so a declaration
    /// of any other (`UTF-7`) would have its bytes read as something the sender did not mean.
    static let acceptedEncodings: Set<String> = ["utf-8", "utf8", "us-ascii", "ascii"]

    /// ISO-8859-1, which supervisord's parser (expat) reads too, as some XML-RPC clients declare it: its bytes are
    /// turned into UTF-8 before the document is read.
    static let latin1Encodings: Set<String> = ["iso-8859-1", "iso8859-1", "latin-1", "latin1"]

    /// The encoding the XML declaration (`<?xml version="1.0" encoding="…"?>`) names, lower-cased, or `nil`
    /// without a declaration or an encoding in it; the caller refuses one it cannot read, as an XML parser that
    /// does not know the encoding must.
    private func declaredEncoding() throws(XMLRPCDecodingError) -> String? {
        guard starts(with: "<?xml"), bytes.count > index + 5, Self.isWhitespace(bytes[index + 5]),
            let end = try? position(of: "?>", what: "the XML declaration")
        else { return nil }
        let declaration = String(decoding: bytes[(index + 5)..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop {
            $0 == " " || $0 == "\t" || $0 == "=" || $0 == "\n" || $0 == "\r"
        }
        guard let quote = rest.first, quote == "\"" || quote == "'" else {
            throw failure("the XML declaration's encoding is not quoted")
        }
        return rest.dropFirst().prefix { $0 != quote }.lowercased()
    }

    /// Skips white space, comments and processing instructions around the root element.
    private mutating func skipMisc() throws(XMLRPCDecodingError) {
        while true {
            skipWhitespace()
            if starts(with: "<!--") || starts(with: "<?") {
                try skipCommentOrInstruction()
            } else if starts(with: "<!DOCTYPE") {
                throw XMLRPCDecodingError("document type declarations are not accepted")
            } else {
                return
            }
        }
    }

    private mutating func skipCommentOrInstruction() throws(XMLRPCDecodingError) {
        let isComment = starts(with: "<!--")
        index += isComment ? 4 : 2
        let end = try position(of: isComment ? "-->" : "?>", what: isComment ? "a comment" : "a processing instruction")
        index = end + (isComment ? 3 : 2)
    }

    // MARK: - Lexical pieces

    private mutating func parseName() throws(XMLRPCDecodingError) -> String {
        let start = index
        while let byte = peek, Self.isNameByte(byte, first: index == start) { index += 1 }
        guard index > start else { throw failure("a tag or attribute name is missing") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads `&…;` and returns the bytes it stands for.
    private mutating func parseReference() throws(XMLRPCDecodingError) -> [UInt8] {
        let start = index + 1
        guard let end = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw failure("'&' that starts no entity reference")
        }
        let name = String(decoding: bytes[start..<end], as: UTF8.self)
        index = end + 1
        switch name {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            let value: UInt32? =
                name.hasPrefix("#x")
                ? UInt32(name.dropFirst(2), radix: 16)
                : name.hasPrefix("#") ? UInt32(name.dropFirst(), radix: 10) : nil
            guard let value, let scalar = Unicode.Scalar(value), Self.isAllowed(scalar) else {
                throw failure("unknown entity &\(name);")
            }
            return Array(String(Character(scalar)).utf8)
        }
    }

    /// Appends a run of character data up to the next `<` or `&`.
    private mutating func appendCharacters(to text: inout [UInt8]) throws(XMLRPCDecodingError) {
        let start = index
        while let byte = peek, byte != UInt8(ascii: "<"), byte != UInt8(ascii: "&") {
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                throw failure("control character \(byte) in text")
            }
            if byte == UInt8(ascii: "]"), starts(with: "]]>") { throw failure("']]>' in text (it may only end CDATA)") }
            index += 1
        }
        text += bytes[start..<index]
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while let byte = peek, Self.isWhitespace(byte) { index += 1 }
        return index > start
    }

    private mutating func expect(_ literal: String) throws(XMLRPCDecodingError) {
        guard starts(with: literal) else { throw failure("'\(literal)' expected") }
        index += literal.utf8.count
    }

    /// Where the next `literal` starts.
    private func position(of literal: String, what: String) throws(XMLRPCDecodingError) -> Int {
        let pattern = Array(literal.utf8)
        var at = index
        while at + pattern.count <= bytes.count {
            if bytes[at] == pattern[0], bytes[at..<(at + pattern.count)].elementsEqual(pattern) { return at }
            at += 1
        }
        throw failure("\(what) is not closed")
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func starts(with literal: String) -> Bool {
        bytes[index...].starts(with: literal.utf8)
    }

    private func failure(_ message: String) -> XMLRPCDecodingError {
        XMLRPCDecodingError("not well-formed XML at byte \(index): \(message)")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...:
            true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): !first
        default: false
        }
    }

    /// XML 1.0's Char production.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
