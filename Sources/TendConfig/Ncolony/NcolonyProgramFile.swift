import TendAPI

/// A program file as `ncolony ctl add` writes it, for `tend add`: the same keys in the same order, written as
/// Python's `json.dumps` writes them, so that the two tools write the same bytes.
public struct NcolonyProgramFile: Sendable, Equatable {
    /// Why the options do not make a program file; nothing is written then.
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The program's name: the file's name in the config directory.
    public var name: String
    /// `--cmd`: the executable.
    public var command: String
    /// `--arg`, in order.
    public var arguments: [String]
    /// `--env K=V`, in order; `nil` when none is given (the file then has no `env` key).
    public var environment: [String]?
    /// `--uid`.
    public var uid: Int?
    /// `--gid`.
    public var gid: Int?
    /// `--env-inherit`, in order; `nil` when none is given.
    public var environmentInherit: [String]?
    /// `--extras`: a JSON object whose keys are merged last (replacing those above, as `dict.update`).
    public var extras: JSONValue?

    public init(name: String, command: String, arguments: [String] = []) {
        self.name = name
        self.command = command
        self.arguments = arguments
    }

    /// Whether `name` can name a program file: not empty, no `/`, `:` or white space, not a dot file and not a
    /// `*.new` name (both are skipped by the readers).
    public static func isValidName(_ name: String) -> Bool {
        NcolonyDirectory.isProgramFileName(name) && !name.contains("/") && !name.contains(":")
            && !name.contains(where: \.isWhitespace)
    }

    /// The file's bytes.
    /// - Throws: `Invalid` for a bad name, an `--env` without `=`, or `extras` that are not a JSON object.
    public func text() throws(Invalid) -> String {
        guard Self.isValidName(name) else {
            throw Invalid(
                message: "'\(name)' cannot name a program file (no '/', ':', spaces, leading '.' or '.new' ending)")
        }
        var members: [(key: String, value: JSONValue)] = [("args", .array(([command] + arguments).map { .string($0) }))]
        if let environment {
            var pairs: [(key: String, value: JSONValue)] = []
            for item in environment {
                guard let equals = item.firstIndex(of: "=") else {
                    throw Invalid(message: "--env '\(item)' is not NAME=VALUE")
                }
                pairs.append((String(item[..<equals]), .string(String(item[item.index(after: equals)...]))))
            }
            members.append(("env", .object(JSONValue.pythonDictionary(pairs))))
        }
        if let uid { members.append(("uid", .integer(uid))) }
        if let gid { members.append(("gid", .integer(gid))) }
        if let environmentInherit { members.append(("env_inherit", .array(environmentInherit.map { .string($0) }))) }
        if let extras {
            guard case .object(let extra) = extras else { throw Invalid(message: "--extras must be a JSON object") }
            members += extra
        }
        return JSONValue.object(members).pythonText
    }
}
