import TendAPI

/// One file of ncolony's messages directory, as `ncolony ctl restart` / `restart-all` write it.
public enum NcolonyMessage: Sendable, Equatable {
    /// `{"type": "RESTART", "name": N}`: restart program N.
    case restart(name: String)
    /// `{"type": "RESTART-ALL"}`: restart every ncolony program.
    case restartAll
    /// `{"type": "RESTART-GROUP", "group": G}`: restart the programs whose file lists G in `group`.
    case restartGroup(String)

    /// Why a message file cannot be applied.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The message a file holds.
    /// - Throws: `Invalid` for text that is not a JSON object, a missing or unknown `type`, or a missing name.
    public static func parse(_ text: String) throws(Invalid) -> NcolonyMessage {
        let json: JSONValue
        do {
            json = try NcolonyJSONText.parse(text)
        } catch {
            throw Invalid(message: "line \(error.line): \(error.message)")
        }
        guard case .object = json else { throw Invalid(message: "a message must be a JSON object") }
        guard case .string(let type)? = json["type"] else { throw Invalid(message: "a message needs a string 'type'") }
        switch type {
        case "RESTART":
            guard case .string(let name)? = json["name"] else {
                throw Invalid(message: "RESTART needs a string 'name'")
            }
            return .restart(name: name)
        case "RESTART-ALL":
            return .restartAll
        case "RESTART-GROUP":
            guard case .string(let group)? = json["group"] else {
                throw Invalid(message: "RESTART-GROUP needs a string 'group'")
            }
            return .restartGroup(group)
        default:
            throw Invalid(message: "unknown message type '\(type)' (RESTART, RESTART-ALL or RESTART-GROUP)")
        }
    }

    /// The bytes `ncolony ctl` writes for this message (Python's `json.dumps` of the same dict).
    public var fileText: String {
        switch self {
        case .restart(let name): JSONValue.object([("type", .string("RESTART")), ("name", .string(name))]).pythonText
        case .restartAll: JSONValue.object([("type", .string("RESTART-ALL"))]).pythonText
        case .restartGroup(let group):
            JSONValue.object([("type", .string("RESTART-GROUP")), ("group", .string(group))]).pythonText
        }
    }
}
