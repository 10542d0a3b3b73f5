import PostgresNIO

/// Turns errors of postgres-nio into messages a user can act on, without the query's bound values.
enum PostgresErrorText {
    /// The server's message (with its SQLSTATE) for a server error, else what failed on the client side.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = error.serverInfo?[.detail].map { ": \($0)" } ?? ""
            return message + detail + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// Whether `error` says the connection was gone rather than that the statement failed.
    static func isLostConnection(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        // 57P01-57P03: the server ended the session (shutdown, crash restart) or is starting up.
        if let state = error.serverInfo?[.sqlState], ["57P01", "57P02", "57P03"].contains(state) { return true }
        return [.clientClosedConnection, .serverClosedConnection, .connectionError, .uncleanShutdown]
            .contains(error.code)
    }

    /// Whether `error` is the server refusing a duplicate key (SQLSTATE 23505).
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
