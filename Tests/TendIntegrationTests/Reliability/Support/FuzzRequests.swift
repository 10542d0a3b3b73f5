/// One malformed request of the request fuzzer: the bytes as written on the socket, and what it is.
struct FuzzRequest: Sendable {
    enum Kind: Sendable {
        /// A request framed as HTTP/1.1 (request line, headers, a body of the length it says): the daemon must
        /// answer it, with a 4xx.
        case http
        /// Bytes that are not HTTP at all: a 4xx or a close without an answer are both acceptable.
        case garbage
    }

    var category: String
    var kind: Kind
    var bytes: [UInt8]
    /// Over TCP rather than the unix socket (only for small requests: a TCP close with unread bytes resets the
    /// connection, which can drop the answer to a request the daemon refused early).
    var overTCP: Bool = false
}

/// Makes malformed HTTP, XML-RPC and JSON requests from a `FuzzRandom`: truncated, mutated and deeply nested
/// XML-RPC calls, entity expansion, bodies over the limit, POSTs without Content-Length, 64 KB headers, bad
/// methods, request lines and framing, bad JSON to the job and program routes, and non-HTTP garbage.
struct FuzzRequests {
    var random: FuzzRandom

    init(seed: UInt64) {
        random = FuzzRandom(seed: seed)
    }

    /// The routes that read a JSON body, with a body each would accept (so that its truncation is certainly not).
    static let jsonRoutes: [(path: String, valid: String)] = [
        ("/api/v1/jobs", #"{"task": "echo", "input": {"a": [1, 2, {"b": "c"}]}}"#),
        ("/task", #"{"task": "echo", "data": "x", "n": [1.5, true, null]}"#),
        ("/api/v1/programs/start", #"{"names": ["idle"], "wait": false}"#),
        ("/api/v1/programs/stop", #"{"names": ["nothing-by-this-name"], "wait": false}"#),
        ("/api/v1/programs/signal", #"{"signal": "HUP", "names": ["nothing-by-this-name"]}"#),
        ("/api/v1/programs/clear", #"{"names": ["nothing-by-this-name"]}"#),
        ("/api/v1/update", #"{"groups": ["nothing-by-this-name"]}"#),
    ]

    /// XML-RPC calls that decode; every proper prefix of one is malformed.
    static let xmlCalls: [String] = [
        "<?xml version=\"1.0\"?><methodCall><methodName>supervisor.getState</methodName><params></params></methodCall>",
        "<methodCall><methodName>supervisor.getProcessInfo</methodName><params><param><value><string>idle</string></value></param></params></methodCall>",
        "<methodCall><methodName>system.multicall</methodName><params><param><value><array><data><value><struct><member><name>methodName</name><value>supervisor.getPID</value></member><member><name>params</name><value><array><data/></array></value></member></struct></value></data></array></value></param></params></methodCall>",
        "<methodCall><methodName>supervisor.readLog</methodName><params><param><value><int>0</int></value></param><param><value><i4>100</i4></value></param></params></methodCall>",
    ]

    mutating func next() -> FuzzRequest {
        switch random.below(100) {
        case 0..<14: return truncatedXML()
        case 14..<24: return mutatedXML()
        case 24..<30: return deepXML()
        case 30..<36: return entityXML()
        case 36..<42: return post("/RPC2", body: random.bytes(random.below(4096)), category: "random bytes to /RPC2")
        case 42..<62: return badJSON()
        case 62..<66: return noContentLength()
        case 66..<70: return hugeHeader()
        case 70..<78: return badMethod()
        case 78..<88: return badFraming()
        case 88..<92: return badPath()
        default: return garbage()
        }
    }

    /// A body above the 1 MiB limit (10 MB by default).
    mutating func bigBody(size: Int = 10 << 20) -> FuzzRequest {
        let path = random.pick(["/RPC2", "/api/v1/jobs", "/task", "/api/v1/programs/start"])
        return post(path, body: [UInt8](repeating: UInt8(ascii: "["), count: size), category: "10 MB body")
    }

    // MARK: - Builders

    func request(
        _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        contentLength: Bool = true, category: String, kind: FuzzRequest.Kind = .http
    ) -> FuzzRequest {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body, contentLength { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return FuzzRequest(category: category, kind: kind, bytes: Array(head.utf8) + (body ?? []))
    }

    mutating func post(_ path: String, body: [UInt8], category: String) -> FuzzRequest {
        var request = request(
            "POST", path, headers: [("Content-Type", path == "/RPC2" ? "text/xml" : "application/json")], body: body,
            category: category)
        request.overTCP = body.count < 65536 && random.oneIn(4)
        return request
    }

    // MARK: - XML-RPC

    mutating func truncatedXML() -> FuzzRequest {
        let call = Array(random.pick(Self.xmlCalls).utf8)
        return post("/RPC2", body: Array(call.prefix(random.below(call.count))), category: "truncated XML")
    }

    /// A call with an element opened and never closed, a closing tag removed, or a stray `<`/`&`: never well formed.
    mutating func mutatedXML() -> FuzzRequest {
        var call = Array(random.pick(Self.xmlCalls).utf8)
        let tagStarts = call.indices.filter { call[$0] == UInt8(ascii: "<") && $0 > 0 }
        let at = random.pick(tagStarts)
        switch random.below(4) {
        case 0:
            call.insert(contentsOf: Array("<\(random.pick(["value", "x", "array", "data", "params"]))>".utf8), at: at)
        case 1:
            call.insert(
                contentsOf: Array(random.pick(["<", "&", "</", "<!", "<?", "]]>", "&#;", "&#x110000;"]).utf8), at: at)
        case 2:
            let closing = call.indices.filter {
                call[$0] == UInt8(ascii: "<") && call.indices.contains($0 + 1) && call[$0 + 1] == UInt8(ascii: "/")
            }
            let start = random.pick(closing)
            let end = call[start...].firstIndex(of: UInt8(ascii: ">")) ?? start
            call.removeSubrange(start...end)
        default:
            call += Array(random.pick(["<methodCall>", "</methodCall>", "<x/>", "garbage"]).utf8)
        }
        return post("/RPC2", body: call, category: "mutated XML")
    }

    /// `<value><array><data>` nested deeper than the decoder's limit: from just above it to a body over 1 MiB.
    mutating func deepXML() -> FuzzRequest {
        let depth = random.pick([300, 1000, 10_000, 40_000, 100_000])
        let open = "<value><array><data>"
        let close = "</data></array></value>"
        var body = Array("<methodCall><methodName>x.y</methodName><params><param>".utf8)
        body.reserveCapacity(depth * (open.utf8.count + close.utf8.count) + 100)
        for _ in 0..<depth { body += open.utf8 }
        if !random.oneIn(3) { for _ in 0..<depth { body += close.utf8 } }
        body += Array("</param></params></methodCall>".utf8)
        return post("/RPC2", body: body, category: "deeply nested XML")
    }

    mutating func entityXML() -> FuzzRequest {
        let laughs =
            "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + (1...9).map { level in
                "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10)
                    + "\">"
            }.joined() + "]>"
        let documents = [
            "<?xml version=\"1.0\"?>" + laughs
                + "<methodCall><methodName>&lol9;</methodName><params/></methodCall>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><methodCall><methodName>&e;</methodName></methodCall>",
            "<methodCall><methodName>&undefined;</methodName></methodCall>",
            "<methodCall><methodName>a&#0;b</methodName></methodCall>",
            "<methodCall><methodName>a&#xFFFFFFFFFF;</methodName></methodCall>",
            "<!DOCTYPE methodCall SYSTEM \"http://127.0.0.1:1/x.dtd\"><methodCall><methodName>x.y</methodName></methodCall>",
            "<?xml version=\"1.0\" encoding=\"UTF-7\"?><methodCall><methodName>+ADw-</methodName></methodCall>",
            "<methodCall><methodName><![CDATA[supervisor.getState]]></methodName><params><param>",
        ]
        return post("/RPC2", body: Array(random.pick(documents).utf8), category: "XML entities")
    }

    // MARK: - JSON

    mutating func badJSON() -> FuzzRequest {
        let route = random.pick(Self.jsonRoutes)
        let valid = Array(route.valid.utf8)
        var body: [UInt8]
        switch random.below(7) {
        case 0: body = Array(valid.prefix(1 + random.below(valid.count - 1)))
        case 1:
            let depth = random.pick([600, 5000, 100_000])
            body = [UInt8](repeating: UInt8(ascii: random.pick(["[", "{"])), count: depth)
        case 2: body = random.bytes(1 + random.below(2048))
        case 3:
            body = Array(
                random.pick([
                    #"{"task": "echo",}"#, #"{'task': 'echo'}"#, "{\"task\": NaN}", "{\"task\": \"\u{0}\"", "[1,,2]",
                    "{\"task\"}", "nul", "{\"task\": \"echo\"} {}",
                ]).utf8)
        case 4: body = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]  // {"\xff\xfe":1} — not UTF-8
        case 5:
            // The job routes take any JSON as a job's input, so only a bad `task` is wrong there.
            let jobs = route.path == "/task" || route.path == "/api/v1/jobs"
            let shapes =
                jobs
                ? [#"{"task": 42}"#, #"{"task": "no-such-task"}"#, #"{"task": null}"#, #"{"task": ["echo"]}"#]
                : [
                    #"{"names": 5}"#, #"{"names": [1, 2]}"#, #"{"signal": 9}"#, #"{"names": []}"#, "[]", "\"text\"",
                    "17",
                ]
            body = Array(random.pick(shapes).utf8)
            // Valid JSON of the wrong shape: each route must refuse it, not run with defaults. (`update` is left
            // out: its one member is optional, so an object without it is a valid "update everything".)
            let path = route.path == "/api/v1/update" ? "/api/v1/programs/start" : route.path
            return post(path, body: body, category: "JSON of the wrong shape to \(path)")
        default:
            body = valid
            body.insert(random.pick(Array("{}[],:\"\\".utf8)), at: random.below(body.count))
            body.insert(contentsOf: Array("]}".utf8), at: 1)
        }
        return post(route.path, body: body, category: "bad JSON to \(route.path)")
    }

    // MARK: - HTTP

    mutating func noContentLength() -> FuzzRequest {
        let path = random.pick(["/RPC2", "/api/v1/jobs", "/task", "/api/v1/programs/signal"])
        return request(
            "POST", path, headers: [("Content-Type", "application/json")], category: "POST without Content-Length")
    }

    /// A 64 KB header on a request that is refused anyway (an unknown route, or bad XML).
    mutating func hugeHeader() -> FuzzRequest {
        let value = String(repeating: random.pick(["a", "%", "\u{7F}"]), count: 64 * 1024 - 100)
        if random.oneIn(2) {
            return request("GET", "/no/such/route", headers: [("X-Fuzz", value)], category: "64 KB header")
        }
        return request(
            "POST", "/RPC2", headers: [("X-Fuzz", value)], body: Array("<methodCall>".utf8), category: "64 KB header")
    }

    mutating func badMethod() -> FuzzRequest {
        let method = random.pick([
            "FOO", "get", "G\u{0}T", "PATCH", "PUT", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "BREW", "GET\tGET",
            String(repeating: "X", count: 2000), "P0ST", "HEAD",
        ])
        let path = random.pick(["/RPC2", "/api/v1/programs", "/task", "/api/v1/jobs", "/no/such/route", "/metrics"])
        // HEAD and DELETE of real routes are real requests; keep them where there is no such route.
        let target = ["HEAD", "DELETE", "OPTIONS", "PUT", "PATCH"].contains(method) ? path + "/not-a-route" : path
        return request(
            method, target, body: method == "PUT" || method == "PATCH" ? Array("{}".utf8) : nil, category: "bad method")
    }

    mutating func badFraming() -> FuzzRequest {
        let variants: [String] = [
            "GET /no/such/route HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /no/such/route\r\nHost: x\r\n\r\n",
            "GET  /no/such/route  HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /" + String(repeating: "a", count: 60_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: -1\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: abc\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<meth\r\n0\r\n\r\n",
            "POST /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            "GET /no/such/route HTTP/1.1\r\nHost: x\r\nConnection: close\r\nNo-Colon-Here\r\n\r\n",
            "GET /no/such/route HTTP/1.1\r\nHost: x\r\nConnection: close\r\nBad Name: v\r\n\r\n",
            "GET /no/such/route HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX: a\r\n folded\r\n\r\n",
            "GET /no/such/route HTTP/1.1\nHost: x\nConnection: close\n\n\0",
            "GET /no/such/route HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX: \u{0}\r\n\r\n",
            "GET http://[::1:bad/api HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/v1/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        ]
        return FuzzRequest(category: "bad framing", kind: .http, bytes: Array(random.pick(variants).utf8))
    }

    mutating func badPath() -> FuzzRequest {
        let path = random.pick([
            "/status/%ZZ", "/status/" + String(repeating: "9", count: 5000), "/terminate/..%2F..%2Fetc",
            "/api/v1/jobs/%00", "/api/v1/jobs/no-such-job", "/api/v1/programs/no-such/log", "/logtail/no-such",
            "/logtail/idle/nonsense", "/logtail/..%2F..%2Fetc%2Fpasswd", "/api/v1/programs/%FF%FE/log",
            "/api/v1/jobs/no-such-job/follow", "/index.html/../../etc/passwd", "/api/v2/programs",
        ])
        let method = path.hasPrefix("/terminate") ? "DELETE" : "GET"
        var request = request(method, path, category: "bad path")
        request.overTCP = random.oneIn(3)
        return request
    }

    mutating func garbage() -> FuzzRequest {
        var bytes: [UInt8]
        switch random.below(5) {
        case 0: bytes = random.bytes(1 + random.below(8192))
        case 1: bytes = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03] + random.bytes(200)  // TLS hello
        case 2: bytes = Array(String(repeating: "\r\n", count: 1 + random.below(2000)).utf8)
        case 3: bytes = Array((0..<(1 + random.below(200))).map { _ in UInt8(0x21 + random.below(94)) })
        default: bytes = [0x00] + random.bytes(random.below(64))
        }
        return FuzzRequest(category: "garbage", kind: .garbage, bytes: bytes, overTCP: random.oneIn(4))
    }
}
