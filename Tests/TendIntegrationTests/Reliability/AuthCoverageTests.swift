import Foundation
import TendServer
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Auth: with credentials on both listeners, every route of the router and every published XML-RPC method refuses
/// (401) a request without credentials and one with wrong ones. The routes and methods come from the control
/// server's own tables (`ControlServer.routes`, `ControlServer.xmlRPCMethods`), so a route added later is covered
/// without touching this file. Also: the socket file's mode and owner, and a job's input reaching its command only
/// on stdin.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AuthCoverageTests {
    static let user = "admin"
    static let password = "s3cret pass"

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// The `Authorization` headers that must be refused (`nil`: none at all).
    static let refusedHeaders: [(label: String, value: String?)] = [
        ("no credentials", nil),
        ("a wrong password", basic(user, "wrong")),
        ("a wrong user", basic("root", password)),
        ("an empty password", basic(user, "")),
        ("the password as the user", basic(password, user)),
        ("a malformed header", "Basic !!!not-base64"),
        ("another scheme", "Bearer \(password)"),
    ]

    /// The owner the socket is given: `nobody` when the tests run as root (CI), else the current user, who is the
    /// only owner a non-root daemon can give.
    static var expectedOwner: (name: String, uid: uid_t, gid: gid_t) {
        if getuid() == 0, let nobody = getpwnam("nobody") {
            return ("nobody", nobody.pointee.pw_uid, nobody.pointee.pw_gid)
        }
        let me = getpwuid(getuid())!
        return (String(cString: me.pointee.pw_name), getuid(), me.pointee.pw_gid)
    }

    func makeDaemon(port: UInt16) throws -> DaemonFixture {
        let fixture = try DaemonFixture(programs: "")
        let owner = Self.expectedOwner
        try """
        [unix_http_server]
        file = \(fixture.socketPath)
        chmod = 0760
        chown = \(owner.name):\(String(cString: getgrgid(owner.gid)!.pointee.gr_name))
        username = \(Self.user)
        password = \(Self.password)

        [inet_http_server]
        port = 127.0.0.1:\(port)
        username = \(Self.user)
        password = {SHA}\(Self.sha1Hex(Self.password))

        [supervisord]
        logfile = \(fixture.directory)/tend.log
        pidfile = \(fixture.pidfile)
        childlogdir = \(fixture.directory)
        nodaemon = true

        [supervisorctl]
        serverurl = unix://\(fixture.socketPath)
        username = \(Self.user)
        password = \(Self.password)

        [program:idle]
        command = /bin/sleep 3600
        startsecs = 0

        [task:echo]
        command = /bin/cat
        """.write(toFile: fixture.configPath, atomically: false, encoding: .utf8)
        return fixture
    }

    @Test func everyRouteAndXMLRPCMethodRefusesMissingOrWrongCredentialsOnBothListeners() async throws {
        let routes = try FuzzRouteTable.routes()
        let methods = FuzzRouteTable.xmlRPCMethods
        // The tables are the real ones: the families the design names are all there.
        for expected in [
            "POST /RPC2", "POST /task", "GET /status/{id}", "DELETE /terminate/{id}", "GET /metrics", "GET /",
        ] {
            #expect(routes.map(\.description).contains(expected), "\(expected) not in \(routes)")
        }
        #expect(routes.count >= 30, "\(routes)")
        #expect(methods.contains("supervisor.shutdown") && methods.contains("system.multicall") && methods.count >= 40)

        let port = try freeLoopbackPort()
        let fixture = try makeDaemon(port: port)
        defer { fixture.tearDown() }
        try fixture.start()
        let pid = try #require(fixture.daemonPID)
        let idleBefore = try fixture.states()["idle"]
        #expect(idleBefore?.state == "RUNNING", "\(fixture.log)")
        let listeners: [FuzzAddress] = [.unix(fixture.socketPath), .tcp(port)]

        var checked = 0
        var failures: [String] = []
        for listener in listeners {
            for route in routes {
                let path = FuzzRouteTable.concretePath(route)
                for header in Self.refusedHeaders {
                    let status = try Self.status(listener, route.method, path, authorization: header.value)
                    checked += 1
                    if status != 401 { failures.append("\(route) at \(listener) with \(header.label): \(status)") }
                }
            }
            for method in methods {
                let call =
                    "<?xml version='1.0'?><methodCall><methodName>\(method)</methodName><params></params></methodCall>"
                for header in Self.refusedHeaders {
                    let status = try Self.status(listener, "POST", "/RPC2", authorization: header.value, body: call)
                    checked += 1
                    if status != 401 {
                        failures.append("XML-RPC \(method) at \(listener) with \(header.label): \(status)")
                    }
                }
            }
        }
        print(
            "auth coverage: \(routes.count) routes and \(methods.count) XML-RPC methods, \(Self.refusedHeaders.count) "
                + "kinds of bad credentials, 2 listeners: \(checked) requests, \(failures.count) not refused")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")

        // None of the refused calls acted: the daemon, its program and its (empty) job list are as they were.
        #expect(fixture.daemonPID == pid && isAlive(pid))
        let idleAfter = try fixture.states()["idle"]
        #expect(idleAfter?.state == "RUNNING" && idleAfter?.pid == idleBefore?.pid, "\(fixture.log)")
        let good = ["Authorization": Self.basic(Self.user, Self.password)]
        let jobs = try UnixHTTP.request(fixture.socketPath, "GET", "/api/v1/jobs", headers: good)
        #expect(jobs.status == 200 && !jobs.body.contains("\"id\""), "\(jobs)")

        // With the right credentials the same daemon answers, and publishes exactly the methods of the table.
        let list = try UnixHTTP.request(
            fixture.socketPath, "POST", "/RPC2",
            body: Array("<methodCall><methodName>system.listMethods</methodName></methodCall>".utf8), headers: good)
        #expect(list.status == 200)
        let published = list.body.components(separatedBy: "<string>").dropFirst().compactMap {
            $0.components(separatedBy: "</string>").first
        }
        #expect(published.sorted() == methods, "\(list.body)")
        // (Streams that never end by themselves, the log tails and event feeds, are left out of this check.)
        let streams = ["tail", "follow", "events"]
        for route in routes
        where route.method == "GET" && !route.path.contains("{") && !streams.contains(where: route.path.contains) {
            for listener in listeners {
                let status = try Self.status(listener, "GET", route.path, authorization: good["Authorization"])
                #expect(status != 401, "\(route) at \(listener) refused the right credentials")
            }
        }
    }

    @Test func theSocketFileHasTheConfiguredModeAndOwner() async throws {
        let fixture = try makeDaemon(port: try freeLoopbackPort())
        defer { fixture.tearDown() }
        try fixture.start()
        var info = stat()
        #expect(stat(fixture.socketPath, &info) == 0)
        let owner = Self.expectedOwner
        print(
            "socket \(fixture.socketPath): mode \(String(info.st_mode & 0o7777, radix: 8)), uid \(info.st_uid), "
                + "gid \(info.st_gid) (expected \(owner.name) \(owner.uid):\(owner.gid); running as uid \(getuid()))")
        #expect(info.st_mode & S_IFMT == S_IFSOCK)
        #expect(info.st_mode & 0o7777 == 0o760)
        #expect(info.st_uid == owner.uid && info.st_gid == owner.gid)
        // The CLI, with the credentials of [supervisorctl], still gets in.
        #expect(try fixture.tend(["status"]).stdout.contains("idle"))
    }

    @Test func aJobsInputReachesItsCommandOnlyOnStdin() async throws {
        let fixture = try DaemonFixture(programs: "")
        defer { fixture.tearDown() }
        let script = fixture.directory + "/argv.py"
        try """
        import json, sys
        data = sys.stdin.read()
        print(json.dumps({"argv": sys.argv, "stdin": data}))
        """.write(toFile: script, atomically: false, encoding: .utf8)
        try fixture.writeConfig(
            programs: """
                [task:argv]
                command = /usr/bin/python3 \(script) fixed "two words"
                """)
        try fixture.start()
        let marker = fixture.directory + "/pwned"
        let input =
            #"{"cmd": "; rm -rf \#(fixture.directory) ; touch \#(marker)", "sub": "$(touch \#(marker)2)", "#
            + #""tick": "`touch \#(marker)3`", "quotes": "'\" \\\"", "nl": "a\nb\r\n; id", "pct": "%(here)s %s %n"}"#
            + "\n"
        let submitted = try fixture.http("POST", "/task", #"{"task": "argv", "#.appending(input.dropFirst()))
        #expect(submitted.status == 202, "\(submitted)")
        let id = try #require(submitted.json["task_id"] as? String)
        let done = try await fixture.waitForAnswer("/status/\(id)") { $0.status != 202 }
        #expect(done.status == 200, "\(done)\n\(fixture.log)")
        #expect(done.json["argv"] as? [String] == [script, "fixed", "two words"], "\(done)")
        #expect(done.json["stdin"] as? String == #"{"task": "argv", "# + input.dropFirst(), "\(done)")
        for suffix in ["", "2", "3"] {
            #expect(!FileManager.default.fileExists(atPath: marker + suffix), "the input ran as a command")
        }
        #expect(FileManager.default.fileExists(atPath: script), "the input ran as a command (rm -rf)")
    }

    // MARK: - Helpers

    /// The status of one raw request (0 when there is no HTTP answer).
    static func status(
        _ address: FuzzAddress, _ method: String, _ path: String, authorization: String?, body: String? = nil
    ) throws -> Int {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        let payload = Array((body ?? (method == "GET" || method == "HEAD" ? "" : "{}")).utf8)
        head += "Content-Type: \(path == "/RPC2" ? "text/xml" : "application/json")\r\n"
        head += "Content-Length: \(payload.count)\r\n\r\n"
        let socket = try FuzzSocket(address, timeout: 10)
        socket.send(Array(head.utf8) + payload)
        guard case .answered(let status) = socket.outcome() else { return 0 }
        return status
    }

    /// The lowercase hex SHA-1 of `text`, for a `{SHA}` password (with the system's `sha1sum`).
    static func sha1Hex(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha1sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
