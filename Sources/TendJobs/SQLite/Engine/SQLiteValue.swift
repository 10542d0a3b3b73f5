/// A value bound to a statement's parameter or read from a result column: the storage classes the job store uses.
enum SQLiteValue: Sendable, Hashable {
    case integer(Int64)
    case text(String)
    case null

    /// The integer, if this is one.
    var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The text, if this is text.
    var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }
}
