import Testing

@testable import TendConfig

/// `[task:x]` (job types) and `[tend]` (the job store and node settings).
struct TaskSectionTests {
    @Test func taskDefaultsWhenOnlyCommandIsSet() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load("a.conf", "[task:echo]\ncommand = /bin/cat -u\n")
        let task = try #require(config.tasks.first)
        #expect(task.name == "echo" && task.command == "/bin/cat -u" && task.arguments == ["/bin/cat", "-u"])
        #expect(task.timeout == nil && task.stopSignal == .term && task.grace == 10 && task.concurrency == 1)
        #expect(task.resultTTL == 300 && task.errorExitCodes.isEmpty && task.errorName == "TaskError")
        #expect(
            !task.isDefault && task.onInterrupt == .fail && task.directory == nil && task.user == nil
                && task.umask == nil)
        #expect(config.warnings.isEmpty)
        #expect(config.tend == TendSettings())
    }

    @Test func everyTaskKeyWithExpansions() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        fixture.makeDirectory("work")
        let config = try fixture.load(
            "a.conf",
            """
            [supervisord]
            environment = SHARED="1"

            [task:stableconfigs]
            command = %(here)s/bin/solve --name %(task_name)s --mode %(ENV_MODE)s
            environment = MODE="fast",EXTRA='a b'
            timeout = 90
            stopsignal = INT
            grace = 2.5
            concurrency = 3
            result_ttl = 60
            error_exit_codes = 3, 4
            error_name = TBNException
            stop_when_ready = true
            default = true
            on_interrupt = requeue
            directory = work
            umask = 027
            """)
        let task = try #require(config.tasks.first)
        #expect(task.arguments == [fixture.path("bin/solve"), "--name", "stableconfigs", "--mode", "fast"])
        #expect(
            task.environment == [
                EnvironmentVariable(name: "SHARED", value: "1"), EnvironmentVariable(name: "MODE", value: "fast"),
                EnvironmentVariable(name: "EXTRA", value: "a b"),
            ])
        #expect(
            task.timeout == 90 && task.stopSignal == SignalName(number: 2) && task.grace == 2.5 && task.concurrency == 3
        )
        #expect(task.resultTTL == 60 && task.errorExitCodes == [3, 4] && task.errorName == "TBNException")
        #expect(task.stopsWhenReady)
        #expect(
            task.isDefault && task.onInterrupt == .requeue && task.directory == fixture.path("work")
                && task.umask == 0o27)
    }

    @Test func timeoutZeroMeansNoLimit() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load("a.conf", "[task:t]\ncommand = /bin/true\ntimeout = 0\n")
        #expect(config.tasks.first?.timeout == nil)
        #expect(config.tasks.first?.stopsWhenReady == false)
    }

    @Test func badTaskValuesAreErrorsAtTheirLines() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let errors = fixture.errors(
            "bad.conf",
            """
            [task:a]
            timeout = soon
            concurrency = 0

            [task:b]
            command = /bin/true
            error_exit_codes = 0
            on_interrupt = retry
            error_name = two words

            [task:c]
            command = /bin/true
            default = yes

            [task:d]
            command = /bin/true
            default = true

            [task:b]
            command = /bin/false
            """)
        let file = fixture.path("bad.conf")
        #expect(
            errors == [
                "\(file):1: [task:a] is missing 'command'",
                "\(file):2: invalid value 'soon' for 'timeout': a number of seconds, 0 or more",
                "\(file):3: 'concurrency' must be at least 1, not 0",
                "\(file):7: invalid exit code '0' in 'error_exit_codes' (comma-separated numbers from 1 to 255)",
                "\(file):8: invalid 'on_interrupt' value 'retry' (requeue or fail)",
                "\(file):9: invalid 'error_name' 'two words' (one word: letters, digits, '_', '-' and '.')",
                "\(file):17: [task:d] and [task:c] both say 'default = true'; keep one",
                "\(file):19: section [task:b] is already defined at \(file):5",
            ])
    }

    @Test func unknownTaskKeyIsAWarning() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load("a.conf", "[task:t]\ncommand = /bin/true\nretries = 3\n")
        #expect(
            config.warnings.map(\.description) == [
                "\(fixture.path("a.conf")):3: warning: unknown key 'retries' in [task:t]"
            ])
    }

    @Test func tendSectionSelectsTheJobStoreAndNode() throws {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let config = try fixture.load(
            "a.conf",
            """
            [tend]
            data_directory = data
            job_store = postgres://tend@127.0.0.1:5432/jobs
            node_name = worker-%(host_node_name)s
            heartbeat = 2
            job_durability = full
            """)
        #expect(config.tend.jobDurability == .full)
        #expect(config.tend.dataDirectory == fixture.path("data"))
        #expect(config.tend.jobStore == .postgres(url: "postgres://tend@127.0.0.1:5432/jobs"))
        #expect(config.tend.nodeName?.hasPrefix("worker-") == true && config.tend.heartbeat == 2)
    }

    @Test func badTendValuesAreErrors() {
        let fixture = ConfigFixture()
        defer { fixture.remove() }
        let file = fixture.path("a.conf")
        #expect(
            fixture.errors("a.conf", "[tend]\njob_store = mysql://x\nheartbeat = 0\njob_durability = paranoid\n") == [
                "\(file):2: invalid 'job_store' 'mysql://x': sqlite, or a postgres://user@host:port/database URL",
                "\(file):3: invalid value '0' for 'heartbeat': a positive number of seconds",
                "\(file):4: invalid value 'paranoid' for 'job_durability': normal or full",
            ])
    }
}
