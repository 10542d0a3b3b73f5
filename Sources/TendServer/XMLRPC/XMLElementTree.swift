import Foundation
import FoundationXML

/// A parsed XML element: its name, its text (every character run directly inside it, concatenated)
/// and its child elements. Attributes, comments and processing instructions are dropped: XML-RPC has
/// no use for them.
struct XMLElementNode: Sendable, Hashable {
    var name: String
    var text = ""
    var children: [XMLElementNode] = []

    /// True when the element has no text but whitespace between its children.
    var hasOnlyWhitespaceText: Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}

/// Parses a document into `XMLElementNode`s with FoundationXML's `XMLParser`.
///
/// `XMLParser.parse()` returns true for some malformed documents on Linux, so success is judged by
/// `parserError` alone. Documents with a DTD are refused (XML-RPC has none, and entity declarations
/// are the way to blow up a parser), and so is nesting deeper than `maxDepth`.
enum XMLElementTree {
    /// The deepest element nesting accepted.
    static let maxDepth = 256

    /// The root element of `bytes`.
    /// - Throws: `XMLRPCDecodingError` for a document that is not well-formed, has a DTD or nests too deeply.
    static func parse(_ bytes: [UInt8]) throws(XMLRPCDecodingError) -> XMLElementNode {
        if declaresDocumentType(bytes) { throw XMLRPCDecodingError("document type declarations are not accepted") }
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let finished = parser.parse()
        if let failure = builder.failure { throw failure }
        if let error = parser.parserError {
            throw XMLRPCDecodingError("not well-formed XML: \(error.localizedDescription)")
        }
        guard finished, let root = builder.root, builder.stack.isEmpty else {
            throw XMLRPCDecodingError("not well-formed XML: the document ends early")
        }
        return root
    }

    /// True when a `<!DOCTYPE` comes in the prolog, before the root element's start tag.
    static func declaresDocumentType(_ bytes: [UInt8]) -> Bool {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        while let first = rest.first {
            if first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
                rest = rest.dropFirst()
            } else if rest.starts(with: Array("<?".utf8)) {
                rest = skip(rest, past: Array("?>".utf8))
            } else if rest.starts(with: Array("<!--".utf8)) {
                rest = skip(rest, past: Array("-->".utf8))
            } else {
                return rest.starts(with: Array("<!DOCTYPE".utf8))
            }
        }
        return false
    }

    /// What follows the first `terminator` in `bytes`, or nothing when there is none.
    private static func skip(_ bytes: ArraySlice<UInt8>, past terminator: [UInt8]) -> ArraySlice<UInt8> {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index...].starts(with: terminator) { return bytes[(index + terminator.count)...] }
            index += 1
        }
        return bytes[bytes.endIndex...]
    }

    /// The parser's delegate: keeps the open elements on a stack.
    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        var failure: XMLRPCDecodingError?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            guard root == nil else { return fail(parser, "content after the root element") }
            guard stack.count < XMLElementTree.maxDepth else {
                return fail(parser, "elements nest deeper than \(XMLElementTree.maxDepth) levels")
            }
            stack.append(XMLElementNode(name: elementName))
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            guard let node = stack.popLast() else { return fail(parser, "an end tag without a start tag") }
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: block, as: UTF8.self)
        }

        private func fail(_ parser: XMLParser, _ message: String) {
            if failure == nil { failure = XMLRPCDecodingError(message) }
            parser.abortParsing()
        }
    }
}
