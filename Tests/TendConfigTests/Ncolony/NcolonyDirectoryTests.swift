import TendAPI
import TendConfig
import Testing

/// ncolony's files as `ncolony ctl` 2024.1.11 writes them, read into programs and messages.
struct NcolonyDirectoryTests {
    private func settings(_ fixture: ConfigFixture) -> NcolonySettings {
        NcolonySettings(
            configDirectory: fixture.makeDirectory("config"), messagesDirectory: fixture.makeDirectory("messages"))
    }

    @Test func aProgramFileBecomesAProgramNamedByTheFileWithOnlyNcolonysEnvironment() throws {
        let fixture = ConfigFixture()
        var settings = settings(fixture)
        settings.threshold = 2
        settings.killTime = 7
        settings.minRestartDelay = 0.5
        settings.maxRestartDelay = 60
        let text =
            #"{"args": ["/bin/sleep", "10"], "env": {"A": "1", "HOME": "x"}, "env_inherit": ["HOME", "NOPE"], "group": ["web"]}"#
        fixture.write("config/sleeper", text)
        let directory = NcolonyDirectory.read(settings: settings, environment: ["HOME": "/root", "PATH": "/bin"])
        #expect(directory.diagnostics.isEmpty)
        let program = try #require(directory.programs.first)
        #expect(program.spec.name == "sleeper" && program.spec.groupName == "sleeper")
        #expect(program.spec.arguments == ["/bin/sleep", "10"])
        #expect(program.spec.inheritsEnvironment == false)
        #expect(
            program.spec.environment.map { "\($0.name)=\($0.value)" } == [
                "A=1", "HOME=/root", "NOPE=", "NCOLONY_CONFIG=\(text)", "NCOLONY_NAME=sleeper",
            ])
        #expect(program.spec.autorestart == .always && program.spec.startRetries == -1)
        #expect(program.spec.startSecs == 2 && program.spec.stopWaitSecs == 7)
        #expect(program.spec.backoffMin == 0.5 && program.spec.backoffMax == 60)
        #expect(directory.members(ofRestartGroup: "web") == ["sleeper"])
    }

    @Test func halfWrittenAndDotFilesAreIgnoredAndABadFileIsADiagnosticNamingIt() throws {
        let fixture = ConfigFixture()
        let settings = settings(fixture)
        fixture.write("config/good", #"{"args": ["/bin/true"]}"#)
        fixture.write("config/good2.new", #"{"args": ["/bin/true"]}"#)
        fixture.write("config/.hidden", "not json")
        let bad = fixture.write("config/broken", "{\n\"args\": [\"/bin/true\"\n")
        let wrongType = fixture.write("config/wrong", #"{"args": "/bin/true"}"#)
        let extra = fixture.write("config/extra", #"{"args": ["/bin/true"], "colour": "blue"}"#)
        let directory = NcolonyDirectory.read(settings: settings, environment: [:])
        #expect(directory.programs.map(\.spec.name) == ["extra", "good"])
        let errors = directory.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location?.file).sorted { ($0 ?? "") < ($1 ?? "") } == [bad, wrongType])
        #expect(errors.contains { $0.location?.file == bad && $0.location?.line == 3 })
        let warnings = directory.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1 && warnings[0].location?.file == extra && warnings[0].message.contains("colour"))
    }

    @Test func aMissingDirectoryIsOneError() {
        let settings = NcolonySettings(configDirectory: "/nonexistent/ncolony", messagesDirectory: "/nonexistent/m")
        let directory = NcolonyDirectory.read(settings: settings, environment: [:])
        #expect(directory.programs.isEmpty && directory.diagnostics.count == 1)
    }

    @Test func messagesParseAndBadOnesSayWhy() throws {
        #expect(try NcolonyMessage.parse(#"{"type": "RESTART", "name": "web"}"#) == .restart(name: "web"))
        #expect(try NcolonyMessage.parse(#"{"type": "RESTART-ALL"}"#) == .restartAll)
        #expect(try NcolonyMessage.parse(#"{"type": "RESTART-GROUP", "group": "g"}"#) == .restartGroup("g"))
        for bad in ["", "{", #"{"type": "STOP"}"#, #"{"type": "RESTART"}"#, "[1]", #"{"type": 1}"#] {
            #expect(throws: NcolonyMessage.Invalid.self) { try NcolonyMessage.parse(bad) }
        }
    }

    @Test func messagesAreWrittenAsPythonsJSONDumps() {
        #expect(NcolonyMessage.restart(name: "web").fileText == #"{"type": "RESTART", "name": "web"}"#)
        #expect(NcolonyMessage.restartAll.fileText == #"{"type": "RESTART-ALL"}"#)
    }

    @Test func aProgramFileIsWrittenAsNcolonyCtlAddWritesIt() throws {
        // The bytes `python -m ncolony ctl add web --cmd /bin/echo --arg 'say "hi"' --env A=1=2 --env B= --env A=3
        // --uid 0 --gid 5 --extras extras.json --env-inherit HOME` writes (ncolony 2024.1.11).
        var file = NcolonyProgramFile(name: "web", command: "/bin/echo", arguments: [#"say "hi""#])
        file.environment = ["A=1=2", "B=", "A=3"]
        file.uid = 0
        file.gid = 5
        file.environmentInherit = ["HOME"]
        file.extras = try JSONParser.parse(#"{"group": ["web"], "args": ["/bin/echo", "x"], "n": 1.50, "é": null}"#)
        #expect(
            try file.text()
                == #"{"args": ["/bin/echo", "x"], "env": {"A": "3", "B": ""}, "uid": 0, "gid": 5, "env_inherit": ["HOME"], "group": ["web"], "n": 1.5, "\u00e9": null}"#
        )
    }

    @Test func aBadEnvOrExtrasOrNameMakesNoFile() {
        var file = NcolonyProgramFile(name: "web", command: "/bin/true")
        file.environment = ["NOEQUALS"]
        #expect(throws: NcolonyProgramFile.Invalid.self) { try file.text() }
        file.environment = nil
        file.extras = .array([])
        #expect(throws: NcolonyProgramFile.Invalid.self) { try file.text() }
        for name in ["", ".hidden", "web.new", "a/b", "a:b", "a b"] {
            #expect(throws: NcolonyProgramFile.Invalid.self) {
                try NcolonyProgramFile(name: name, command: "/bin/true").text()
            }
        }
    }
}
