import Testing

@testable import TendConfig

/// The default config search order: supervisord's, then `./tend.conf`.
struct ConfigSearchTests {
    @Test func candidatesAreSupervisordsOrderThenTendConf() {
        #expect(
            ConfigSearch.candidates(workingDirectory: "/w", executableDirectory: "/opt/tend/bin") == [
                "/opt/tend/etc/supervisord.conf", "/opt/tend/supervisord.conf", "/w/supervisord.conf",
                "/w/etc/supervisord.conf", "/etc/supervisord.conf", "/etc/supervisor/supervisord.conf", "/w/tend.conf",
            ])
    }

    @Test func theFirstExistingCandidateWins() {
        let existing: Set<String> = ["/w/tend.conf", "/etc/supervisor/supervisord.conf"]
        #expect(
            ConfigSearch.defaultPath(
                workingDirectory: "/w", executableDirectory: "/x/bin", fileExists: existing.contains)
                == "/etc/supervisor/supervisord.conf")
        #expect(
            ConfigSearch.defaultPath(
                workingDirectory: "/w", executableDirectory: "/x/bin", fileExists: { $0 == "/w/tend.conf" })
                == "/w/tend.conf")
        #expect(
            ConfigSearch.defaultPath(workingDirectory: "/w", executableDirectory: "/x/bin", fileExists: { _ in false })
                == nil)
    }

    @Test func theRealFileSystemIsAskedByDefault() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("etc/supervisord.conf", "[supervisord]\n")
        #expect(
            ConfigSearch.defaultPath(workingDirectory: fixture.directory, executableDirectory: "/nonexistent/bin")
                == fixture.path("etc/supervisord.conf"))
    }
}
