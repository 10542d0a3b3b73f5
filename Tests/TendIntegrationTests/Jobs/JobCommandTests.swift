import Foundation
import Testing

/// `tend job submit|status|cancel|list` against a real daemon.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct JobCommandTests {
    @Test func submitWaitStatusCancelAndList() throws {
        let daemon = try DaemonFixture(
            programs: #"""
                [task:echo]
                command = /bin/cat

                [task:tbn]
                command = /bin/sh -c 'echo "Input contains no monomers." >&2; exit 3'
                error_exit_codes = 3

                [task:hold]
                command = /bin/sleep 60
                """#)
        defer { daemon.tearDown() }
        try daemon.start()
        let input = daemon.directory + "/input.json"
        try #"{"monomers": [["a"]]}"#.write(toFile: input, atomically: false, encoding: .utf8)

        let waited = try daemon.tend(["job", "submit", "echo", "--data", "@" + input, "--wait"])
        #expect(waited.status == 0 && waited.stdout == #"{"monomers":[["a"]]}"# + "\n", "\(waited)")

        let failed = try daemon.tend(["job", "submit", "tbn", "--wait"])
        #expect(failed.status == 2, "\(failed)")
        #expect(failed.stderr.hasSuffix(" failed: Input contains no monomers.\n"), "\(failed)")

        let submitted = try daemon.tend(["job", "submit", "hold"])
        #expect(submitted.status == 0)
        let id = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = try daemon.tend(["job", "status", id])
        #expect(status.lines.first == "id:        \(id)" && status.lines.contains("task:      hold"), "\(status)")
        #expect(status.lines.contains { $0.hasPrefix("state:     ") })

        let list = try daemon.tend(["job", "list"])
        #expect(list.lines.first?.hasPrefix("ID") == true && list.lines.count == 4, "\(list)")
        #expect(list.lines[1].hasPrefix(id), "newest first: \(list)")
        #expect(try daemon.tend(["job", "list", "--state", "completed"]).lines.count == 2)

        let cancel = try daemon.tend(["job", "cancel", id])
        #expect(cancel.stdout == "\(id): terminated\n" || cancel.stdout == "\(id): terminating\n", "\(cancel)")
        let unknown = try daemon.tend(["job", "status", "no-such-job"])
        #expect(
            unknown.status == 1 && unknown.stderr == "tend: no job 'no-such-job' (unknown, or its result expired)\n")
        let badData = try daemon.tend(["job", "submit", "echo", "--data", "{nope"])
        #expect(badData.status == 1 && badData.stderr.hasPrefix("tend: --data is not JSON"), "\(badData)")
        let badTask = try daemon.tend(["job", "submit", "nope"])
        #expect(badTask.status == 1 && badTask.stderr == "tend: no task named 'nope' is configured\n", "\(badTask)")
    }

    @Test func waitRedrawsAProgressLineOnATerminal() throws {
        let daemon = try DaemonFixture(
            programs: #"""
                [task:steps]
                command = /bin/sh -c 'for k in 1 2 3 4 5 6 7 8; do echo "{\"count\": 1, \"k\": $k}" >&3; sleep 0.3; done; echo "{\"done\": true}"'
                """#)
        defer { daemon.tearDown() }
        try daemon.start()
        // `script` gives the command a terminal, as a user's shell would.
        let command = [DaemonFixture.tendBinary, "-c", daemon.configPath, "job", "submit", "steps", "--wait"].joined(
            separator: " ")
        let run = try DaemonFixture.run("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("\r\u{1B}[K"), "the status line is redrawn in place: \(run)")
        #expect(run.stdout.contains(" running count=1 k="), "\(run)")
        #expect(run.stdout.hasSuffix("{\"done\":true}\r\n"), "then the result: \(run)")
    }
}
