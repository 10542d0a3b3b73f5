import Foundation
import Testing

@testable import TendServer

/// The XML-RPC codec: documents as Python's `xmlrpc.client` writes and reads them, and bad input.
struct XMLRPCCodecTests {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static func decodeResponse(_ text: String) throws -> XMLRPCResponse {
        try XMLRPCDecoder.decodeResponse(Array(text.utf8))
    }

    @Test func faultIsWrittenExactlyAsPythonWritesIt() {
        // xmlrpc.client.dumps(xmlrpc.client.Fault(10, 'BAD_NAME: foo'))
        let python = """
            <?xml version='1.0'?>
            <methodResponse>
            <fault>
            <value><struct>
            <member>
            <name>faultCode</name>
            <value><int>10</int></value>
            </member>
            <member>
            <name>faultString</name>
            <value><string>BAD_NAME: foo</string></value>
            </member>
            </struct></value>
            </fault>
            </methodResponse>

            """
        #expect(Self.text(XMLRPCEncoder.fault(XMLRPCFault(.badName, "foo"))) == python)
    }

    @Test func responseIsWrittenExactlyAsPythonWritesIt() {
        // xmlrpc.client.dumps(({'a': 1, 'b': [True, 's<&>', 1.5, None]},), methodresponse=True, allow_none=True)
        let python = """
            <?xml version='1.0'?>
            <methodResponse>
            <params>
            <param>
            <value><struct>
            <member>
            <name>a</name>
            <value><int>1</int></value>
            </member>
            <member>
            <name>b</name>
            <value><array><data>
            <value><boolean>1</boolean></value>
            <value><string>s&lt;&amp;&gt;</string></value>
            <value><double>1.5</double></value>
            <value><nil/></value></data></array></value>
            </member>
            </struct></value>
            </param>
            </params>
            </methodResponse>

            """
        let value: XMLRPCValue = ["a": 1, "b": [true, "s<&>", .double(1.5), .null]]
        #expect(Self.text(XMLRPCEncoder.response(value)) == python)
    }

    @Test func everyValueTypeSurvivesARoundTrip() throws {
        let value: XMLRPCValue = [
            "int": 42, "negative": -7, "wide": .int(1 << 40), "true": true, "false": false,
            "text": "tabs\tlines\nand <markup> & ampersands", "empty": "", "unicode": "h\u{E9}llo \u{1F600}",
            "double": .double(-0.25), "date": .dateTime("20240131T12:34:56"), "bytes": .base64(Array(0...255)),
            "nothing": .null, "nested": [[1, [2, ["deep": "yes"]]], []], "emptyStruct": .struct([:]),
            "carriage": "a\r\nb\rc",
        ]
        let decoded = try XMLRPCDecoder.decodeResponse(XMLRPCEncoder.response(value))
        #expect(decoded == .success(value))
    }

    @Test func faultSurvivesARoundTrip() throws {
        let fault = XMLRPCFault(.spawnError, "web:web-0")
        #expect(try XMLRPCDecoder.decodeResponse(XMLRPCEncoder.fault(fault)) == .fault(fault))
    }

    @Test func callWrittenByPythonIsRead() throws {
        // xmlrpc.client.dumps((1, 'a'), 'supervisor.startProcess') and a base64 / dateTime call.
        let python = """
            <?xml version='1.0'?>
            <methodCall>
            <methodName>supervisor.startProcess</methodName>
            <params>
            <param>
            <value><int>1</int></value>
            </param>
            <param>
            <value><string>a</string></value>
            </param>
            <param>
            <value><base64>
            aGk=
            </base64></value>
            </param>
            <param>
            <value><dateTime.iso8601>20240101T10:00:00</dateTime.iso8601></value>
            </param>
            </params>
            </methodCall>

            """
        let call = try XMLRPCDecoder.decodeCall(Array(python.utf8))
        #expect(call.methodName == "supervisor.startProcess")
        #expect(call.params == [1, "a", .base64(Array("hi".utf8)), .dateTime("20240101T10:00:00")])
        #expect(call.params[2].stringValue == "hi")
    }

    @Test func callRoundTripsThroughTheEncoder() throws {
        let call = XMLRPCCall(methodName: "system.multicall", params: [[["methodName": "supervisor.getPID"]]])
        #expect(try XMLRPCDecoder.decodeCall(XMLRPCEncoder.call(call)) == call)
    }

    @Test func untypedValueIsAStringWithItsWhitespace() throws {
        let body =
            "<methodCall><methodName>m</methodName><params><param><value>  two words </value></param>"
            + "<param><value></value></param><param><value>\n<i4> 7 </i4>\n</value></param></params></methodCall>"
        let call = try XMLRPCDecoder.decodeCall(Array(body.utf8))
        #expect(call.params == ["  two words ", "", 7])
    }

    @Test func callWithoutParamsHasNone() throws {
        let call = try XMLRPCDecoder.decodeCall(
            Array("<methodCall><methodName> supervisor.getState </methodName></methodCall>".utf8))
        #expect(call == XMLRPCCall(methodName: "supervisor.getState"))
    }

    @Test func entitiesAndCDATAAreDecoded() throws {
        let body =
            "<methodCall><methodName>m</methodName><params><param><value><string>&lt;a&gt; &amp; &#13;&#x41;"
            + "<![CDATA[<raw>]]></string></value></param></params></methodCall>"
        #expect(try XMLRPCDecoder.decodeCall(Array(body.utf8)).params == ["<a> & \rA<raw>"])
    }

    @Test func controlCharactersBecomeReplacementCharactersAndTheAnswerStaysReadable() throws {
        let value: XMLRPCValue = "\u{1B}[31mred\u{1B}[0m\u{0}\u{FFFE}"
        let bytes = XMLRPCEncoder.response(value)
        #expect(!bytes.contains(0x1B) && !bytes.contains(0))
        #expect(try XMLRPCDecoder.decodeResponse(bytes) == .success("\u{FFFD}[31mred\u{FFFD}[0m\u{FFFD}\u{FFFD}"))
    }

    /// A call of `m` whose one parameter is `value` (the inside of `<value>`).
    static func callWith(_ value: String) -> String {
        "<methodCall><methodName>m</methodName><params><param><value>\(value)</value></param></params></methodCall>"
    }

    static let malformedBodies = [
        "<methodCall><methodName>supervisor.getState</methodName",
        "<methodCall><methodName>m</methodName></methodCall><extra/>",
        "not xml at all",
        "",
        "<methodResponse><params/></methodResponse>",
        "<methodCall><params/></methodCall>",
        "<methodCall><methodName>  </methodName></methodCall>",
        callWith("<int>12x</int>"),
        callWith("<int>99999999999999999999</int>"),
        callWith("<boolean>true</boolean>"),
        callWith("<double>1.5.2</double>"),
        callWith("<dateTime.iso8601>2024-01-01</dateTime.iso8601>"),
        callWith("<bogus>1</bogus>"),
        callWith("x<int>1</int>"),
        callWith("<int>1</int><int>2</int>"),
        callWith("<array><value>1</value></array>"),
        callWith("<struct><member><name>a</name></member></struct>"),
        callWith("<string>a\u{1}b</string>"),
        "<methodCall><methodName>m</methodName><params><param></param></params></methodCall>",
        "<methodCall><methodName>m</methodName><params><value>1</value></params></methodCall>",
        "<methodCall><methodName>m</methodName><bogus/></methodCall>",
        "<?xml version='1.0'?><!-- x --><!DOCTYPE methodCall [<!ENTITY a \"aaaa\">]>"
            + "<methodCall><methodName>&a;</methodName></methodCall>",
    ]

    @Test(arguments: malformedBodies)
    func malformedCallIsRefused(_ body: String) {
        #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeCall(Array(body.utf8)) }
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array("<methodCall><methodName>m".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("</methodName></methodCall>".utf8)
        #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeCall(bytes) }
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let depth = XMLElementTree.maxDepth
        let open = String(repeating: "<value><array><data>", count: depth)
        let close = String(repeating: "</data></array></value>", count: depth)
        let body = "<methodCall><methodName>m</methodName><params><param>\(open)\(close)</param></params></methodCall>"
        #expect(throws: XMLRPCDecodingError.self) { try XMLRPCDecoder.decodeCall(Array(body.utf8)) }
    }

    @Test func reasonableNestingIsRead() throws {
        var value: XMLRPCValue = "leaf"
        for _ in 0..<40 { value = [value] }
        #expect(try XMLRPCDecoder.decodeResponse(XMLRPCEncoder.response(value)) == .success(value))
    }

    @Test func responseWithoutOneValueIsRefused() {
        #expect(throws: XMLRPCDecodingError.self) {
            try Self.decodeResponse("<methodResponse><params></params></methodResponse>")
        }
        #expect(throws: XMLRPCDecodingError.self) {
            try Self.decodeResponse("<methodResponse><fault><value><int>1</int></value></fault></methodResponse>")
        }
    }

    @Test func base64IsWrittenInPythonsLines() {
        let bytes = XMLRPCEncoder.response(.base64([UInt8](repeating: 0x61, count: 60)))
        let text = Self.text(bytes)
        let lines = text.components(separatedBy: "<base64>\n")[1].components(separatedBy: "\n</base64>")[0]
        #expect(lines.split(separator: "\n").map(\.count) == [76, 4])
    }

    @Test func wideIntegersUseI8AndNarrowOnesInt() {
        #expect(Self.text(XMLRPCEncoder.response(.int(Int(Int32.max)))).contains("<int>2147483647</int>"))
        #expect(Self.text(XMLRPCEncoder.response(.int(Int(Int32.max) + 1))).contains("<i8>2147483648</i8>"))
    }
}
