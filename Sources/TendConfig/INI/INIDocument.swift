/// One parsed INI file: its sections in file order, each with its entries and where they were written.
///
/// `INIParser` builds it; see the parser for the rules of the dialect.
struct INIDocument: Sendable {
    /// One `key = value`, with where its key was written.
    struct Entry: Sendable, Hashable {
        /// The key, lower-cased.
        var key: String
        /// The value: its lines joined with `\n`, comments removed, trailing whitespace removed.
        var value: String
        /// The line of the key.
        var location: SourceLocation
        /// Whether the entry comes from a `[DEFAULT]` section rather than from the section itself.
        var isInherited = false
    }

    /// One `[name]` section and its entries in file order.
    struct Section: Sendable {
        /// The text between the brackets, as written (section names are case-sensitive).
        var name: String
        /// The line of the header.
        var location: SourceLocation
        /// The entries, in file order, each key once.
        var entries: [Entry]

        /// The entry for `key` (lower-case), if written.
        func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

        /// The part of the name before the first `:` (`program` for `[program:web]`), or the whole name.
        var kind: String {
            name.firstIndex(of: ":").map { String(name[..<$0]) } ?? name
        }

        /// The part of the name after the first `:` (`web` for `[program:web]`), or `nil` when there is none.
        var argument: String? {
            name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) }
        }
    }

    /// The file the document was read from.
    var file: String
    /// The sections, in file order; `[DEFAULT]` is not among them.
    var sections: [Section] = []
    /// The entries of `[DEFAULT]` sections, which every section inherits (Python's `RawConfigParser`).
    var defaults: [Entry] = []
}
