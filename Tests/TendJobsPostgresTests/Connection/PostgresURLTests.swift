import TendJobsPostgres
import Testing

struct PostgresURLTests {
    @Test func aFullURLGivesEveryPart() throws {
        let url = try PostgresURL(parsing: "postgres://tend:s%40cret@db.example:6543/jobs?sslmode=require")
        #expect(url.username == "tend")
        #expect(url.password == "s@cret")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "jobs")
        #expect(url.tlsMode == .require)
        #expect(url.description == "postgres://tend:***@db.example:6543/jobs")
    }

    @Test func defaultsFollowLibpq() throws {
        let url = try PostgresURL(parsing: "postgresql://alice@localhost")
        #expect(url.port == 5432)
        #expect(url.database == "alice")
        #expect(url.tlsMode == .prefer)
        #expect(url.password == nil)
    }

    @Test func aSocketDirectoryAndIPv6HostAreRead() throws {
        let socket = try PostgresURL(parsing: "postgres://u@/db?host=/run/pg&port=5433")
        #expect(socket.socketDirectory == "/run/pg")
        #expect(socket.port == 5433)
        let v6 = try PostgresURL(parsing: "postgres://u@[::1]:7000/db")
        #expect(v6.host == "::1")
        #expect(v6.port == 7000)
    }

    @Test(arguments: [
        ("mysql://u@h/db", "must start with postgres://"),
        ("postgres://u@h:99999/db", "port '99999'"),
        ("postgres://u@h/db?sslmode=maybe", "unknown sslmode 'maybe'"),
        ("postgres://u@h/db?color=red", "unknown parameter 'color'"),
        ("postgres://u:pw@h/d%zz", "'%' is not followed"),
    ])
    func badURLsAreRefusedWithTheReason(text: String, reason: String) {
        do {
            _ = try PostgresURL(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(reason))
            #expect(!error.message.contains(":pw@"))
        }
    }
}
