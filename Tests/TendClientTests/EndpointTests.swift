import TendClient
import Testing

/// supervisorctl's `serverurl` forms.
struct EndpointTests {
    @Test func parsesUnixAndHTTPURLs() {
        #expect(Endpoint.parse("unix:///tmp/tend.sock") == .unix(path: "/tmp/tend.sock"))
        #expect(Endpoint.parse("/run/tend.sock") == .unix(path: "/run/tend.sock"))
        #expect(Endpoint.parse("http://127.0.0.1:9001") == .tcp(host: "127.0.0.1", port: 9001))
        #expect(Endpoint.parse("http://localhost:9001/RPC2") == .tcp(host: "localhost", port: 9001))
        #expect(Endpoint.parse("http://example.org") == .tcp(host: "example.org", port: 80))
        #expect(Endpoint.parse("http://[::1]:9001") == .tcp(host: "::1", port: 9001))
    }

    @Test func refusesWhatItCannotUse() {
        #expect(Endpoint.parse("unix://relative.sock") == nil)
        #expect(Endpoint.parse("https://host:443") == nil)
        #expect(Endpoint.parse("http://host:notaport") == nil)
        #expect(Endpoint.parse("http://host:70000") == nil)
        #expect(Endpoint.parse("http://:9001") == nil)
        #expect(Endpoint.parse("tend.sock") == nil)
    }

    @Test func describesItselfAsAURL() {
        #expect(Endpoint.unix(path: "/tmp/x.sock").description == "unix:///tmp/x.sock")
        #expect(Endpoint.tcp(host: "::1", port: 9001).description == "http://[::1]:9001")
        #expect(Endpoint.unix(path: "/x").isLocal && Endpoint.tcp(host: "127.0.0.1", port: 1).isLocal)
        #expect(!Endpoint.tcp(host: "example.org", port: 80).isLocal)
    }
}
