import Testing

@testable import TendConfig

/// `[include]`: globs relative to the including file, nested includes, `%(here)s` per file.
struct IncludeTests {
    @Test func includedFilesAreReadInSortedOrderWithTheirOwnHere() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("conf.d/b.conf", "[program:b]\ncommand = /bin/echo %(here)s\n")
        fixture.write("conf.d/a.conf", "[program:a]\ncommand = /bin/echo %(here)s\n")
        fixture.write("conf.d/.hidden.conf", "[program:hidden]\ncommand = /bin/true\n")
        fixture.write("conf.d/notes.txt", "not ini at all\n")
        let config = try fixture.load("main.conf", "[include]\nfiles = conf.d/*.conf\n")
        #expect(
            config.files == [fixture.path("main.conf"), fixture.path("conf.d/a.conf"), fixture.path("conf.d/b.conf")])
        #expect(config.programs.map(\.name) == ["a", "b"])
        #expect(config.programs.allSatisfy { $0.arguments == ["/bin/echo", fixture.path("conf.d")] })
    }

    @Test func aGlobThatMatchesNothingIsAWarning() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "main.conf", "[program:a]\ncommand = /bin/true\n\n[include]\nfiles = none/*.conf %(here)s/also-none.conf\n")
        let config = try fixture.load("main.conf")
        #expect(
            config.warnings.map(\.description) == [
                "\(path):5: warning: [include] pattern 'none/*.conf' matches no file",
                "\(path):5: warning: [include] pattern '\(fixture.path("also-none.conf"))' matches no file",
            ])
    }

    @Test func includedFilesMayIncludeFurtherRelativeToThemselvesAndCyclesEnd() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("a/one.conf", "[program:one]\ncommand = /bin/true\n[include]\nfiles = ../b/*.conf\n")
        let two = fixture.write("b/two.conf", "[program:two]\ncommand = /bin/true\n[include]\nfiles = ../main.conf\n")
        let config = try fixture.load("main.conf", "[include]\nfiles = a/one.conf\n")
        #expect(config.programs.map(\.name) == ["one", "two"])
        #expect(config.files == [fixture.path("main.conf"), fixture.path("a/one.conf"), two])
        #expect(
            config.warnings.map(\.description) == [
                "\(two):4: warning: \(fixture.path("main.conf")) is already read; it is not read again"
            ])
    }

    @Test func includedFilesAreCheckedLikeTheMainOne() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let included = fixture.write("conf.d/web.conf", "[program:web]\ncommand = /bin/true\nautostart = perhaps\n")
        let main = fixture.write("main.conf", "[program:web]\ncommand = /bin/true\n[include]\nfiles = conf.d/*.conf\n")
        #expect(
            fixture.errors("main.conf") == [
                "\(included):1: section [program:web] is already defined at \(main):1"
            ])
        fixture.write("other.conf", "[include]\n")
        #expect(
            fixture.errors("other.conf") == [
                "\(fixture.path("other.conf")):1: [include] has no 'files' value (e.g. files = conf.d/*.conf)"
            ])
    }

    @Test func includeCanUseEnvironmentAndHostName() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.write("hosts/box.conf", "[program:local]\ncommand = /bin/true\n")
        let config = try fixture.load("main.conf", "[include]\nfiles = hosts/%(host_node_name)s.conf\n")
        #expect(config.programs.map(\.name) == ["local"])
    }
}
