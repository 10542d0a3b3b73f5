import Hummingbird

/// The web dashboard: `GET /` serves one self-contained page (`Resources/dashboard.html`, embedded in the binary at
/// build time: no files to install, no CDN), which then talks to the JSON API of the same listener with the same
/// basic auth: `/api/v1/programs`, the `/api/v1/events` stream, log follows and the job endpoints. Nothing runs in the
/// daemon for the page but those requests: no thread or timer while no page is open.
struct DashboardRoutes: Sendable {
    /// The page, as built into the binary.
    static let page = ByteBuffer(bytes: PackageResources.dashboard_html)

    func addRoutes(to router: Router<ControlRequestContext>) {
        router.get("/") { _, _ in Self.pageResponse() }
        router.get("/index.html") { _, _ in Self.pageResponse() }
    }

    static func pageResponse() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-cache",
                .contentSecurityPolicy:
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: ResponseBody(byteBuffer: page))
    }
}
