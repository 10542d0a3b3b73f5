import TendClient
import Testing

/// Names in request paths: supervisord's separators kept, everything else percent-escaped.
struct PathEscapingTests {
    @Test func escapesNamesForPaths() {
        #expect(PathEscaping.escape("worker:worker_00") == "worker:worker_00")
        #expect(PathEscaping.escape("g:*") == "g:*")
        #expect(PathEscaping.escape("a b/c&d?é") == "a%20b%2Fc%26d%3F%C3%A9")
    }
}
