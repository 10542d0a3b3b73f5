/// A `job_store` URL that does not name a PostgreSQL database in a form Tend reads.
public struct PostgresURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the URL (its password hidden) and an example of the accepted form.
    public var message: String

    init(_ url: String, _ problem: String) {
        message =
            "invalid PostgreSQL URL '\(PostgresURLError.hidingPassword(url))': \(problem) "
            + "(expected postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
    }

    public var description: String { message }

    /// `url` with the password between `:` and `@` replaced by `***`.
    static func hidingPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@"),
            let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }
}
