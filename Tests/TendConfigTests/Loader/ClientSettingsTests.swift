import TendConfig
import Testing

/// What `tend` reads of a config to find the daemon: the client's sections, whatever else the file holds.
struct ClientSettingsTests {
    @Test func aBrokenProgramSectionDoesNotHideTheDaemonsAddress() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("run")
        let path = fixture.write(
            "tend.conf",
            """
            [unix_http_server]
            file = %(here)s/tend.sock
            username = admin
            password = secret

            [supervisord]
            pidfile = run/tend.pid

            [program:bad]
            autostart = maybe
            """)
        #expect(throws: ConfigError.self) { try fixture.loader.load(path: path) }
        let settings = try fixture.loader.loadClientSettings(path: path)
        #expect(settings.unixServer?.file == fixture.path("tend.sock"))
        #expect(settings.unixServer?.credentials?.username == "admin")
        #expect(settings.daemon.pidfile == fixture.path("run/tend.pid"))
        #expect(settings.groups.isEmpty)
    }

    @Test func theAddressMayComeFromAnIncludedFile() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write(
            "conf.d/server.conf", "[inet_http_server]\nport = 127.0.0.1:9123\n\n[supervisorctl]\nusername = ops\n")
        let path = fixture.write("tend.conf", "[include]\nfiles = conf.d/*.conf\n")
        let settings = try fixture.loader.loadClientSettings(path: path)
        #expect(settings.inetServer?.port == 9123)
        #expect(settings.control.username == "ops")
    }

    @Test func aMissingFileSaysSo() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        #expect {
            try fixture.loader.loadClientSettings(path: fixture.path("none.conf"))
        } throws: { error in
            (error as? ConfigError)?.errors.first?.description.contains("could not find config file") == true
        }
    }
}
