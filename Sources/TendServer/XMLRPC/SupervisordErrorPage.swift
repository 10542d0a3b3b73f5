import Hummingbird

/// The HTML error page supervisord's HTTP server (medusa) sends with a 4xx or 5xx status, which its
/// clients only read the status of (`xmlrpc.client` raises `ProtocolError`, supervisorctl's tail
/// prints the code).
enum SupervisordErrorPage {
    /// An answer with `status` and medusa's page for it.
    static func response(_ status: HTTPResponse.Status) -> Response {
        let page = [
            "<head>", "<title>Error response</title>", "</head>", "<body>", "<h1>Error response</h1>",
            "<p>Error code \(status.code).", "<p>Message: \(status.reasonPhrase).", "</body>", "",
        ].joined(separator: "\r\n")
        let body = ByteBuffer(string: page)
        return Response(
            status: status, headers: [.contentType: "text/html", .contentLength: "\(body.readableBytes)"],
            body: ResponseBody(byteBuffer: body))
    }
}
