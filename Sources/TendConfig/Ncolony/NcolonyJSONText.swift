import TendAPI

/// Reads the JSON of one ncolony file with `TendAPI.JSONParser` (which keeps object keys in file order, as the
/// byte-for-byte writing of `JSONValue.pythonText` needs; FoundationEssentials' `JSONDecoder` does not) and words
/// a failure with the line it happened on.
enum NcolonyJSONText {
    /// Why a text is not JSON: the 1-based line and the parser's reason.
    struct Failure: Error, Sendable {
        var line: Int
        var message: String
    }

    /// The value the whole of `text` holds.
    static func parse(_ text: String) throws(Failure) -> JSONValue {
        let bytes = Array(text.utf8)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            let line = 1 + bytes.prefix(min(error.offset, bytes.count)).lazy.filter { $0 == 0x0A }.count
            throw Failure(line: line, message: "not JSON: \(error.reason)")
        }
    }
}
