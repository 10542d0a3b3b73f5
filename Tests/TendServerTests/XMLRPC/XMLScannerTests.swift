import Testing

@testable import TendServer

/// The XML reader behind `/RPC2`: what well-formed XML-RPC clients send is read exactly, and anything
/// not well-formed is refused.
@Suite struct XMLScannerTests {
    private func parse(_ text: String) throws(XMLRPCDecodingError) -> XMLElementNode {
        try XMLElementTree.parse(Array(text.utf8))
    }

    @Test func readsElementsTextEntitiesCDATAAndSkipsCommentsAndAttributes() throws {
        let root = try parse(
            """
            \u{FEFF}<?xml version='1.0' encoding="UTF-8"?>
            <!-- a call -->
            <methodCall kind = "x" other='y'>
              <methodName>a&lt;b&gt;c&amp;d&quot;e&apos;f&#65;&#x42;&#x1F600;</methodName>
              <?pi ignored?><params><param><value><string><![CDATA[<raw & text>]]></string></value></param></params>
              <empty/><empty2 a="1" />
            </methodCall>
            <!-- after -->

            """)
        #expect(root.name == "methodCall")
        #expect(root.children.map(\.name) == ["methodName", "params", "empty", "empty2"])
        #expect(root.children[0].text == "a<b>c&d\"e'fAB😀")
        let string = root.children[1].children[0].children[0].children[0]
        #expect(string.name == "string" && string.text == "<raw & text>")
        #expect(root.hasOnlyWhitespaceText)
    }

    static let notWellFormed = [
        "<a><b></a></b>",
        "<a>&unknown;</a>",
        "<a>fish & chips</a>",
        "<a>&#0;</a>",
        "<a b=c></a>",
        "<a b=\"1\" b=\"2\"></a>",
        "<a b=\"1\"c=\"2\"></a>",
        "<a b=\"<\"></a>",
        "<a><!-- never closed </a>",
        "<a><![CDATA[ never closed </a>",
        "<a>",
        "</a>",
        "<a></a>trailing",
        "<a></a><b></b>",
        "text only",
        "<1a></1a>",
        "<a><!ELEMENT x></a>",
        "<!DOCTYPE a><a></a>",
    ]

    @Test(arguments: notWellFormed)
    func refuses(_ text: String) {
        #expect(throws: XMLRPCDecodingError.self) { try parse(text) }
    }

    @Test func theErrorSaysWhereAndWhat() {
        do {
            _ = try parse("<a><b></a>")
            Issue.record("accepted a mismatched end tag")
        } catch {
            #expect(error.message.contains("</a> closes <b>"), "\(error.message)")
        }
    }
}
