import Testing

@testable import TendConfig

/// `[ncolony]` and `tend up`'s ncolony options: the directory's programs join the config file's.
struct NcolonySectionTests {
    @Test func theSectionsDirectoriesProgramsJoinTheConfigFilesWhichWinsOnAName() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("c")
        fixture.makeDirectory("m")
        fixture.write("c/worker", #"{"args": ["/bin/sleep", "1"]}"#)
        fixture.write("c/web", #"{"args": ["/bin/sleep", "2"]}"#)
        let configuration = try fixture.load(
            "tend.conf",
            """
            [ncolony]
            config = %(here)s/c
            messages = m
            threshold = 3
            killtime = 2.5
            frequency = 10

            [program:web]
            command = /bin/true
            """)
        let settings = try #require(configuration.ncolony)
        #expect(settings.configDirectory == fixture.path("c") && settings.messagesDirectory == fixture.path("m"))
        #expect(settings.threshold == 3 && settings.killTime == 2.5 && settings.maxRestartDelay == 3600)
        #expect(configuration.ncolonyGroupNames == ["worker"])
        #expect(configuration.group(named: "web")?.kind == .program)
        #expect(configuration.group(named: "worker")?.programs.first?.startSecs == 3)
        #expect(
            configuration.warnings.contains {
                $0.location?.file == fixture.path("c/web") && $0.message.contains("already has a group 'web'")
            })
    }

    @Test func aSectionWithoutItsDirectoriesIsAnErrorWithItsLine() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("c")
        let path = fixture.write("tend.conf", "[supervisord]\n\n[ncolony]\nconfig = c\nthreshold = soon\n")
        #expect(
            fixture.errors("tend.conf") == [
                "\(path):3: [ncolony] needs 'messages': the ncolony messages directory",
                "\(path):5: invalid value 'soon' for 'threshold': a positive number of seconds",
            ])
    }

    @Test func commandLineOptionsReplaceTheSectionsKeys() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("c")
        fixture.makeDirectory("m")
        fixture.makeDirectory("other")
        fixture.write("other/solo", #"{"args": ["/bin/true"]}"#)
        fixture.write("tend.conf", "[ncolony]\nconfig = c\nmessages = m\nthreshold = 3\n")
        var loader = fixture.loader
        loader.ncolony.configDirectory = "other"
        loader.ncolony.killTime = 9
        let configuration = try loader.load(path: fixture.path("tend.conf"))
        #expect(configuration.ncolony?.configDirectory == fixture.path("other"))
        #expect(configuration.ncolony?.threshold == 3 && configuration.ncolony?.killTime == 9)
        #expect(configuration.ncolonyGroupNames == ["solo"])
    }

    @Test func withoutAConfigFileTheDaemonListensInItsWorkingDirectory() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        var loader = fixture.loader
        #expect(throws: ConfigError.self) { try loader.loadStandalone() }
        loader.ncolony.configDirectory = fixture.makeDirectory("c")
        loader.ncolony.messagesDirectory = fixture.path("missing")
        #expect(throws: ConfigError.self) { try loader.loadStandalone() }
        loader.ncolony.messagesDirectory = fixture.makeDirectory("m")
        let configuration = try loader.loadStandalone()
        #expect(configuration.unixServer?.file == fixture.path("tend.sock"))
        #expect(configuration.daemon.pidfile == fixture.path("tend.pid"))
        #expect(configuration.groups.isEmpty)
    }
}
