/// One XML-RPC value, as a `<value>` element carries it.
///
/// The cases are the types of the XML-RPC spec plus the `<nil/>` extension that Python's
/// `xmlrpc.client` understands. A `<value>` with text and no type element is a string, as the spec says.
public enum XMLRPCValue: Sendable, Hashable {
    /// `<int>`, `<i4>` (and `<i8>` on input). Values outside 32 bits are written as `<i8>`.
    case int(Int)
    /// `<boolean>` 0 or 1.
    case bool(Bool)
    /// `<string>`, or an untyped `<value>`.
    case string(String)
    /// `<double>`.
    case double(Double)
    /// `<dateTime.iso8601>`, kept as its text (`20240131T12:00:00`).
    case dateTime(String)
    /// `<base64>`, decoded.
    case base64([UInt8])
    /// `<array>`.
    case array([XMLRPCValue])
    /// `<struct>`; members are written in key order.
    case `struct`([String: XMLRPCValue])
    /// `<nil/>` (Python's `None` with `allow_none`).
    case null

    /// The XML-RPC type name of this value, as `system.methodSignature` and error messages name it.
    public var typeName: String {
        switch self {
        case .int: "int"
        case .bool: "boolean"
        case .string: "string"
        case .double: "double"
        case .dateTime: "dateTime.iso8601"
        case .base64: "base64"
        case .array: "array"
        case .struct: "struct"
        case .null: "nil"
        }
    }
}

/// Literals build values: `"text"`, `42`, `true`, `[1, "a"]`, `["key": 1]` (a struct; the last of
/// duplicate keys wins).
extension XMLRPCValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// `.string(value)`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `.int(value)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `.bool(value)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `.array(elements)`.
    public init(arrayLiteral elements: XMLRPCValue...) { self = .array(elements) }

    /// `.struct` of the pairs.
    public init(dictionaryLiteral elements: (String, XMLRPCValue)...) {
        self = .struct(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension XMLRPCValue {
    /// The string this value holds; a `<base64>` value counts as its UTF-8 text, as supervisord reads it.
    public var stringValue: String? {
        switch self {
        case .string(let text): text
        case .base64(let bytes): String(decoding: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// The integer this value holds.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The boolean this value holds; `<int>` 0 and 1 count too, as Python's truth test reads them.
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .int(let value) where value == 0 || value == 1: value == 1
        default: nil
        }
    }

    /// The elements of an array.
    public var arrayValue: [XMLRPCValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// The members of a struct.
    public var structValue: [String: XMLRPCValue]? {
        if case .struct(let members) = self { return members }
        return nil
    }

    /// A member of a struct, or `nil`.
    public subscript(key: String) -> XMLRPCValue? {
        structValue?[key]
    }
}

extension XMLRPCValue {
    /// The value as Python's `str()` shows it once unmarshalled (`5`, `True`, `None`, `['a', 1]`), for
    /// the fault texts where supervisord formats a parameter.
    public var pythonDescription: String {
        switch self {
        case .string(let text): text
        case .base64: stringValue ?? ""
        case .dateTime(let text): text
        default: pythonRepr
        }
    }

    /// Python's `repr()` of the unmarshalled value.
    var pythonRepr: String {
        switch self {
        case .int(let number): String(number)
        case .bool(let flag): flag ? "True" : "False"
        case .string(let text): Self.quoted(text)
        case .base64: XMLRPCValue.string(stringValue ?? "").pythonRepr
        case .double(let number): XMLRPCEncoder.Output.pythonRepr(number)
        case .dateTime(let text): "<DateTime '\(text)'>"
        case .array(let values): "[" + values.map(\.pythonRepr).joined(separator: ", ") + "]"
        case .struct(let members):
            "{" + members.keys.sorted().map { "'\($0)': \(members[$0]!.pythonRepr)" }.joined(separator: ", ") + "}"
        case .null: "None"
        }
    }

    /// `'text'` with backslashes and quotes escaped, as Python's `repr` of a string.
    private static func quoted(_ text: String) -> String {
        var result = "'"
        for character in text {
            if character == "\\" || character == "'" { result.append("\\") }
            result.append(character)
        }
        return result + "'"
    }
}
