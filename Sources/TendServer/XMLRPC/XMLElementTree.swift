/// A parsed XML element: its name, its text (every character run directly inside it, concatenated)
/// and its child elements. Attributes, comments and processing instructions are dropped: XML-RPC has
/// no use for them.
struct XMLElementNode: Sendable, Hashable {
    var name: String
    var text = ""
    var children: [XMLElementNode] = []

    /// True when the element has no text but whitespace between its children.
    var hasOnlyWhitespaceText: Bool {
        text.utf8.allSatisfy(Self.isWhitespace)
    }

    /// The text without the XML white space around it.
    var trimmedText: String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !Self.isWhitespace($0) }),
            let last = utf8.lastIndex(where: { !Self.isWhitespace($0) })
        else { return "" }
        return String(decoding: utf8[first...last], as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// Parses a document into `XMLElementNode`s (with `XMLScanner`).
enum XMLElementTree {
    /// The deepest element nesting accepted.
    static let maxDepth = 256

    /// The root element of `bytes`.
    /// - Throws: `XMLRPCDecodingError` for a document that is not well-formed, has a DTD or nests too deeply.
    static func parse(_ bytes: [UInt8]) throws(XMLRPCDecodingError) -> XMLElementNode {
        var scanner = XMLScanner(bytes, maxDepth: maxDepth)
        return try scanner.parseDocument()
    }
}
