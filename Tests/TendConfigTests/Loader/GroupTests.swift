import Testing

@testable import TendConfig

/// `[group:x]`, homogeneous program groups, `[eventlistener:x]` pools, and their order.
struct GroupTests {
    @Test func groupsAreSortedByPriorityThenName() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [program:zeta]
            command = /bin/true
            priority = 1

            [program:beta]
            command = /bin/true

            [program:alpha]
            command = /bin/true

            [group:late]
            programs = member
            priority = 1000

            [program:member]
            command = /bin/true
            priority = 1

            [eventlistener:watch]
            command = /bin/cat
            events = PROCESS_STATE
            """)
        #expect(config.groups.map(\.name) == ["watch", "zeta", "alpha", "beta", "late"])
        #expect(config.groups.map(\.priority) == [-1, 1, 999, 999, 1000])
        #expect(config.group(named: "late")?.programs.map(\.qualifiedName) == ["late:member"])
        #expect(config.group(named: "member") == nil, "a program in a group is not also its own group")
    }

    @Test func aProgramMayBelongToTwoGroups() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            "[group:x]\nprograms = p\n[group:y]\nprograms = p , q\n[program:p]\ncommand = /bin/true\n[program:q]\ncommand = /bin/true\n"
        )
        #expect(config.programs.map(\.qualifiedName) == ["x:p", "y:p", "y:q"])
    }

    @Test func aGroupWithoutProgramsIsEmptyWithAWarning() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write("a.conf", "[group:empty]\npriority = 3\n")
        let config = try fixture.load("a.conf")
        #expect(
            config.groups.map(\.name) == ["empty"] && config.groups[0].programs.isEmpty
                && config.groups[0].kind == .group)
        #expect(
            config.warnings.map(\.description) == [
                "\(path):1: warning: [group:empty] has no 'programs' value, so the group is empty"
            ])
    }

    @Test func eventListenerPoolsKeepTheirSettings() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let path = fixture.write(
            "a.conf",
            """
            [eventlistener:mon]
            command = /usr/bin/python3 %(here)s/listener.py
            events = process_state, TICK_60, PROCESS_STATE
            buffer_size = 50
            numprocs = 2
            process_name = mon_%(process_num)d
            priority = 3
            result_handler = mymodule:handler
            """)
        let config = try fixture.load("a.conf")
        let group = try #require(config.group(named: "mon"))
        #expect(group.kind == .eventListener && group.priority == 3)
        #expect(
            group.eventListener
                == EventListenerSettings(
                    events: ["PROCESS_STATE", "TICK_60"], bufferSize: 50, resultHandler: "mymodule:handler"))
        #expect(group.programs.map(\.name) == ["mon_0", "mon_1"])
        #expect(group.programs[0].arguments == ["/usr/bin/python3", fixture.path("listener.py")])
        #expect(
            config.warnings.map(\.description) == [
                "\(path):8: warning: Tend cannot load Python result handlers; 'mymodule:handler' is replaced by supervisord's default (supervisor.dispatchers:default_handler)"
            ])
    }

    @Test func anEventListenerWithoutPriorityStartsFirstButItsProcessesKeepTheDefault() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let group = try #require(
            try fixture.load("a.conf", "[eventlistener:l]\ncommand = /bin/cat\nevents = TICK_5\n").groups.first)
        #expect(group.priority == -1 && group.programs.first?.priority == 999)
        #expect(group.eventListener == EventListenerSettings(events: ["TICK_5"]))
    }
}
