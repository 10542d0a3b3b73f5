import Hummingbird

/// Refuses a request that changes something when a browser says it comes from another site: a page the user has open
/// elsewhere must not drive the daemon with the credentials the browser holds for the dashboard (CSRF).
///
/// Browsers send `Origin` with every POST, PUT, PATCH and DELETE, and `Sec-Fetch-Site`; the CLI, supervisorctl and
/// scripts send neither, so they are not affected. A request is refused when `Sec-Fetch-Site` is `cross-site` or
/// `same-site`, or when `Origin` names another host and port than the request's (`Host`).
enum SameOriginCheck {
    /// The answer for a refused request, or `nil` when it may go on.
    static func refusal(for request: Request) -> APIError? {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return nil }
        if let site = request.headers[.init("Sec-Fetch-Site")!]?.lowercased(),
            site == "cross-site" || site == "same-site"
        {
            return APIError(.forbidden, "cross-origin request refused (Sec-Fetch-Site: \(site))")
        }
        guard let origin = request.headers[.origin] else { return nil }
        let authority = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        guard let authority, authority.lowercased() == request.head.authority?.lowercased() else {
            return APIError(.forbidden, "cross-origin request refused: Origin '\(origin)' is not this daemon")
        }
        return nil
    }
}
