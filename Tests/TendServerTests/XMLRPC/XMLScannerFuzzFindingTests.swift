import TendClient
import Testing

@testable import TendServer

/// What the request fuzzer of the reliability suite (`RequestFuzzTests`) found in `/RPC2` and the JSON routes:
/// documents that were read as calls (and answered 200) although they are not well-formed, or not what the
/// sender meant.
@Suite struct XMLScannerFuzzFindingTests {
    private func parse(_ text: String) throws(XMLRPCDecodingError) -> XMLElementNode {
        try XMLElementTree.parse(Array(text.utf8))
    }

    @Test func aCDATAEndInTextIsNotWellFormed() {
        #expect(throws: XMLRPCDecodingError.self) {
            try parse("<methodCall>]]><methodName>supervisor.getPID</methodName></methodCall>")
        }
        #expect((try? parse("<a>]] ></a>"))?.text == "]] >")
    }

    @Test func aDeclaredEncodingThatIsNeitherUTF8NorLatin1IsRefused() throws {
        #expect(throws: XMLRPCDecodingError.self) {
            try parse(
                "<?xml version=\"1.0\" encoding=\"UTF-7\"?><methodCall><methodName>+ADw-</methodName></methodCall>")
        }
        #expect(try parse("<?xml version='1.0' encoding='utf-8'?><a/>").name == "a")
        #expect(try parse("<?xml version=\"1.0\" encoding = \"US-ASCII\" ?><a/>").name == "a")
        #expect(try parse("<?xml version='1.0'?><a/>").name == "a")
    }

    /// supervisord's parser (expat) reads ISO-8859-1 as declared, and some XML-RPC clients declare it.
    @Test func anISO88591DocumentIsReadAsItsSenderMeant() throws {
        let bytes = Array("<?xml version='1.0' encoding='ISO-8859-1'?><a>caf".utf8) + [0xE9] + Array("</a>".utf8)
        #expect(try XMLElementTree.parse(bytes).text == "café")
        #expect(throws: XMLRPCDecodingError.self) {
            try XMLElementTree.parse(Array("<a>caf".utf8) + [0xE9] + Array("</a>".utf8))
        }
    }

    @Test func aJSONBodyWithATrailingCommaIs400() async throws {
        let server = try await ServerFixture.start()
        let error = await failure { () async throws(ClientError) in
            try await server.client.post("/api/v1/update", bytes: Array(#"{"groups": ["x"],}"#.utf8))
        }
        try await server.stop()
        #expect(
            error?.status == 400 && error?.message.hasPrefix("the body is not valid JSON") == true,
            "\(String(describing: error))")
    }
}
