/// One result row, its values by column name.
struct SQLiteRecord: Sendable, CustomStringConvertible {
    /// The statement's column names, shared by all its rows.
    let columns: [String]
    let values: [SQLiteValue]

    /// The value of the column `name`, `nil` when the statement has no such column.
    func column(_ name: String) -> SQLiteValue? {
        guard let index = columns.firstIndex(of: name) else { return nil }
        return values[index]
    }

    var description: String {
        zip(columns, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}
