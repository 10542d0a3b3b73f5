import FoundationEssentials

/// Writes XML-RPC documents in the layout of Python's `xmlrpc.client.dumps`, which supervisord sends,
/// so that every client that reads supervisord's answers reads Tend's the same way.
///
/// Text is escaped as Python escapes it (`&`, `<`, `>`), plus two changes that keep the answer
/// readable: a carriage return is written `&#13;` (XML parsers would turn a raw one into a line
/// feed), and a character XML 1.0 forbids (a control character such as the ESC of a coloured log
/// line) becomes U+FFFD. supervisord writes those raw, and the client's parser then rejects the
/// whole answer.
public enum XMLRPCEncoder {
    /// A `<methodResponse>` carrying `value`.
    public static func response(_ value: XMLRPCValue) -> [UInt8] {
        var out = Output()
        out.append("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n")
        out.appendValue(value)
        out.append("</param>\n</params>\n</methodResponse>\n")
        return out.bytes
    }

    /// A `<methodResponse>` carrying `fault`.
    public static func fault(_ fault: XMLRPCFault) -> [UInt8] {
        var out = Output()
        out.append("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n")
        out.appendValue(["faultCode": .int(fault.code), "faultString": .string(fault.string)])
        out.append("</fault>\n</methodResponse>\n")
        return out.bytes
    }

    /// A `<methodCall>` of `call` (for clients and tests).
    public static func call(_ call: XMLRPCCall) -> [UInt8] {
        var out = Output()
        out.append("<?xml version='1.0'?>\n<methodCall>\n<methodName>")
        out.appendEscaped(call.methodName)
        out.append("</methodName>\n<params>\n")
        for param in call.params {
            out.append("<param>\n")
            out.appendValue(param)
            out.append("</param>\n")
        }
        out.append("</params>\n</methodCall>\n")
        return out.bytes
    }

    /// The answer to `result`: a response for a value, a fault document for a fault.
    public static func encode(_ result: Result<XMLRPCValue, XMLRPCFault>) -> [UInt8] {
        switch result {
        case .success(let value): response(value)
        case .failure(let error): fault(error)
        }
    }

    /// A growing UTF-8 document.
    struct Output {
        var bytes: [UInt8] = []

        init() {
            bytes.reserveCapacity(512)
        }

        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func appendValue(_ value: XMLRPCValue) {
            if case .null = value {
                // Python writes no newline after this one value.
                append("<value><nil/></value>")
                return
            }
            append("<value>")
            switch value {
            case .int(let number) where number >= Int(Int32.min) && number <= Int(Int32.max):
                append("<int>")
                append(String(number))
                append("</int>")
            case .int(let number):
                append("<i8>")
                append(String(number))
                append("</i8>")
            case .bool(let flag):
                append(flag ? "<boolean>1</boolean>" : "<boolean>0</boolean>")
            case .string(let text):
                append("<string>")
                appendEscaped(text)
                append("</string>")
            case .double(let number):
                append("<double>")
                append(Self.pythonRepr(number))
                append("</double>")
            case .dateTime(let text):
                append("<dateTime.iso8601>")
                appendEscaped(text)
                append("</dateTime.iso8601>")
            case .base64(let data):
                append("<base64>\n")
                append(Self.base64Lines(data))
                append("</base64>")
            case .array(let values):
                append("<array><data>\n")
                for element in values { appendValue(element) }
                append("</data></array>")
            case .struct(let members):
                append("<struct>\n")
                for key in members.keys.sorted() {
                    append("<member>\n<name>")
                    appendEscaped(key)
                    append("</name>\n")
                    appendValue(members[key]!)
                    append("</member>\n")
                }
                append("</struct>")
            case .null:
                break
            }
            append("</value>\n")
        }

        /// Appends `text` escaped for XML character data (see the type's comment).
        mutating func appendEscaped(_ text: String) {
            let source = Array(text.utf8)
            var index = 0
            while index < source.count {
                let byte = source[index]
                index += 1
                switch byte {
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case 0x0D: append("&#13;")
                case 0x09, 0x0A: bytes.append(byte)
                case 0..<0x20: append("\u{FFFD}")
                case 0xEF where index + 1 < source.count && source[index] == 0xBF && source[index + 1] >= 0xBE:
                    // U+FFFE and U+FFFF, which XML forbids.
                    append("\u{FFFD}")
                    index += 2
                default: bytes.append(byte)
                }
            }
        }

        /// Python's `base64.encodebytes`: lines of at most 76 characters, each ending in a newline.
        static func base64Lines(_ data: [UInt8]) -> String {
            let text = Data(data).base64EncodedString()
            var lines = ""
            var rest = Substring(text)
            while !rest.isEmpty {
                lines += rest.prefix(76) + "\n"
                rest = rest.dropFirst(76)
            }
            return lines
        }

        /// Python's `repr(float)`: the shortest text that reads back the same (`1.5`, `1e-05`, `inf`).
        static func pythonRepr(_ number: Double) -> String {
            if number.isNaN { return "nan" }
            if number.isInfinite { return number < 0 ? "-inf" : "inf" }
            return "\(number)"
        }
    }
}
