import FoundationEssentials

/// Reads XML-RPC documents: `<methodCall>` (what the server receives) and `<methodResponse>` (what a
/// client receives; used by the tests and by anything in Tend that calls another XML-RPC server).
///
/// Values are read as Python's `xmlrpc.client` and supervisord read them: `<int>`, `<i4>` and `<i8>`
/// (surrounding whitespace allowed), `<boolean>` 0 or 1, `<string>` or untyped text (whitespace kept),
/// `<double>`, `<dateTime.iso8601>` (`YYYYMMDDTHH:MM:SS`), `<base64>` (whitespace ignored), `<array>`,
/// `<struct>` and `<nil/>`. Anything else is an error, never a guess.
public enum XMLRPCDecoder {
    /// Decodes a `<methodCall>`.
    /// - Throws: `XMLRPCDecodingError` when the body is not well-formed XML, is not a method call, has no
    ///   or an empty `<methodName>`, or holds a value that cannot be read.
    public static func decodeCall(_ bytes: [UInt8]) throws(XMLRPCDecodingError) -> XMLRPCCall {
        let root = try XMLElementTree.parse(bytes)
        guard root.name == "methodCall" else {
            throw XMLRPCDecodingError("the root element is <\(root.name)>, not <methodCall>")
        }
        var methodName: String?
        var params: [XMLRPCValue] = []
        for child in root.children {
            switch child.name {
            case "methodName":
                methodName = child.trimmedText
            case "params":
                params = try decodeParams(child)
            default:
                throw XMLRPCDecodingError("unexpected <\(child.name)> in <methodCall>")
            }
        }
        guard let methodName, !methodName.isEmpty else { throw XMLRPCDecodingError("the call has no method name") }
        return XMLRPCCall(methodName: methodName, params: params)
    }

    /// Decodes a `<methodResponse>`: its one value, or its fault.
    /// - Throws: `XMLRPCDecodingError` when the body is not a well-formed response.
    public static func decodeResponse(_ bytes: [UInt8]) throws(XMLRPCDecodingError) -> XMLRPCResponse {
        let root = try XMLElementTree.parse(bytes)
        guard root.name == "methodResponse", root.children.count == 1, let body = root.children.first else {
            throw XMLRPCDecodingError("not a <methodResponse> with one <params> or <fault>")
        }
        switch body.name {
        case "params":
            let params = try decodeParams(body)
            guard params.count == 1, let value = params.first else {
                throw XMLRPCDecodingError("a response holds \(params.count) values, not 1")
            }
            return .success(value)
        case "fault":
            guard body.children.count == 1, let node = body.children.first,
                let members = try decodeValue(node).structValue,
                let code = members["faultCode"]?.intValue, let string = members["faultString"]?.stringValue
            else {
                throw XMLRPCDecodingError("a <fault> must hold a struct with faultCode and faultString")
            }
            return .fault(XMLRPCFault(code: code, string: string))
        default:
            throw XMLRPCDecodingError("unexpected <\(body.name)> in <methodResponse>")
        }
    }

    private static func decodeParams(_ node: XMLElementNode) throws(XMLRPCDecodingError) -> [XMLRPCValue] {
        var values: [XMLRPCValue] = []
        for param in node.children {
            guard param.name == "param", param.children.count == 1, let value = param.children.first else {
                throw XMLRPCDecodingError("<params> must hold <param> elements with one <value> each")
            }
            values.append(try decodeValue(value))
        }
        return values
    }

    /// Decodes a `<value>` element.
    static func decodeValue(_ node: XMLElementNode) throws(XMLRPCDecodingError) -> XMLRPCValue {
        guard node.name == "value" else { throw XMLRPCDecodingError("expected <value>, found <\(node.name)>") }
        guard let typed = node.children.first else { return .string(node.text) }
        guard node.children.count == 1, node.hasOnlyWhitespaceText else {
            throw XMLRPCDecodingError("a <value> holds one typed element or text, not both")
        }
        return try decodeTyped(typed)
    }

    private static func decodeTyped(_ node: XMLElementNode) throws(XMLRPCDecodingError) -> XMLRPCValue {
        if node.name != "array" && node.name != "struct" && !node.children.isEmpty {
            throw XMLRPCDecodingError("<\(node.name)> cannot hold elements")
        }
        let trimmed = node.trimmedText
        switch node.name {
        case "int", "i4", "i8":
            guard let value = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) else {
                throw XMLRPCDecodingError("<\(node.name)>\(node.text)</\(node.name)> is not an integer")
            }
            return .int(value)
        case "boolean":
            switch trimmed {
            case "1": return .bool(true)
            case "0": return .bool(false)
            default: throw XMLRPCDecodingError("<boolean>\(node.text)</boolean> is not 0 or 1")
            }
        case "string":
            return .string(node.text)
        case "double":
            guard let value = Double(trimmed) else {
                throw XMLRPCDecodingError("<double>\(node.text)</double> is not a number")
            }
            return .double(value)
        case "dateTime.iso8601":
            guard isDateTime(trimmed) else {
                throw XMLRPCDecodingError("<dateTime.iso8601>\(node.text)</dateTime.iso8601> is not YYYYMMDDTHH:MM:SS")
            }
            return .dateTime(trimmed)
        case "base64":
            guard let data = Data(base64Encoded: trimmed, options: .ignoreUnknownCharacters) else {
                throw XMLRPCDecodingError("<base64> does not hold base64 text")
            }
            return .base64([UInt8](data))
        case "nil":
            return .null
        case "array":
            return try decodeArray(node)
        case "struct":
            return try decodeStruct(node)
        default:
            throw XMLRPCDecodingError("unknown value type <\(node.name)>")
        }
    }

    private static func decodeArray(_ node: XMLElementNode) throws(XMLRPCDecodingError) -> XMLRPCValue {
        guard node.children.count == 1, let data = node.children.first, data.name == "data", node.hasOnlyWhitespaceText,
            data.hasOnlyWhitespaceText
        else {
            throw XMLRPCDecodingError("an <array> must hold one <data> element")
        }
        var values: [XMLRPCValue] = []
        values.reserveCapacity(data.children.count)
        for child in data.children { values.append(try decodeValue(child)) }
        return .array(values)
    }

    private static func decodeStruct(_ node: XMLElementNode) throws(XMLRPCDecodingError) -> XMLRPCValue {
        guard node.hasOnlyWhitespaceText else { throw XMLRPCDecodingError("a <struct> holds only <member> elements") }
        var members: [String: XMLRPCValue] = [:]
        for member in node.children {
            guard member.name == "member", member.children.count == 2, member.hasOnlyWhitespaceText,
                let name = member.children.first(where: { $0.name == "name" }),
                let value = member.children.first(where: { $0.name == "value" })
            else {
                throw XMLRPCDecodingError("a <member> must hold one <name> and one <value>")
            }
            members[name.text] = try decodeValue(value)
        }
        return .struct(members)
    }

    /// `YYYYMMDDTHH:MM:SS`, as Python's `xmlrpc.client.DateTime` writes it (the form supervisord reads).
    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 17 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 8: if byte != UInt8(ascii: "T") { return false }
            case 11, 14: if byte != UInt8(ascii: ":") { return false }
            default: if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return false }
            }
        }
        return true
    }
}
