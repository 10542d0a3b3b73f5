/// The positional parameters of a call, read with Python's conversions, as supervisord's methods
/// read them: `int(x)` for numbers, truthiness for flags, and a `<base64>` value as its text.
///
/// A parameter of the wrong type is refused with a plain `INCORRECT_PARAMETERS`, the fault
/// supervisord gives when Python raises a `TypeError` (for other wrong types supervisord fails the
/// call with an HTTP 500: a fault is what a client can act on).
struct XMLRPCParameters: Sendable {
    /// The values, in order.
    let values: [XMLRPCValue]

    init(_ values: [XMLRPCValue]) {
        self.values = values
    }

    var count: Int { values.count }

    /// Parameter `index` as a string.
    func string(_ index: Int) throws(XMLRPCFault) -> String {
        guard let text = values[index].stringValue else { throw Self.wrongType }
        return text
    }

    /// Parameter `index` as Python's `int()` reads it: an integer, a boolean, a double (truncated) or
    /// the text of an integer.
    func int(_ index: Int) throws(XMLRPCFault) -> Int {
        switch values[index] {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .double(let number) where number.isFinite && abs(number) < 9.0e18: return Int(number)
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            if let number = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed) { return number }
        default: break
        }
        throw Self.wrongType
    }

    /// Parameter `index` by Python's truth test, or `defaultValue` when the call has fewer parameters.
    func flag(_ index: Int, default defaultValue: Bool) -> Bool {
        guard index < values.count else { return defaultValue }
        return switch values[index] {
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let number): number != 0
        case .string(let text): !text.isEmpty
        case .base64(let bytes): !bytes.isEmpty
        case .dateTime: true
        case .array(let elements): !elements.isEmpty
        case .struct(let members): !members.isEmpty
        case .null: false
        }
    }

    /// Parameter `index` as an array.
    func array(_ index: Int) throws(XMLRPCFault) -> [XMLRPCValue] {
        guard let elements = values[index].arrayValue else { throw Self.wrongType }
        return elements
    }

    /// A signal given as a name (`HUP`, `SIGHUP`) or a number, as text or as an integer.
    func signal(_ index: Int) throws(XMLRPCFault) -> String {
        if case .int(let number) = values[index] { return String(number) }
        return try string(index)
    }

    /// The fault for a parameter of the wrong type.
    static let wrongType = XMLRPCFault(.incorrectParameters)
}
