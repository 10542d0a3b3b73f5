"""The real supervisorctl 4.3.0 against Tend, side by side with the real supervisord 4.3.0 on the
same config: every command's output and exit status must be the same (after replacing pids,
uptimes, dates and the temp directory).

Run by scripts/test with TEND_BIN and SUPERVISORCTL (SUPERVISORD defaults to the supervisord
beside SUPERVISORCTL). Each test starts its two daemons in their own temp directories and stops
them, and everything they started.
"""
import json
import os
import signal
import subprocess
import textwrap
import threading
import time
import unittest

from compat_harness import Daemon, SUPERVISORCTL, eventually, require_tools, normalize, normalize_pids

require_tools("tend", "supervisorctl", "supervisord")

PROGRAMS = """
    [program:sleeper]
    command = /bin/sleep 1000
    startsecs = 0
    stopwaitsecs = 2
    priority = 100

    [program:talker]
    command = /bin/sh -c 'echo talker-out; echo talker-err >&2; trap "echo got-usr1" USR1; while true; do sleep 0.2; done'
    startsecs = 0
    stopwaitsecs = 2
    priority = 200

    [program:a]
    command = /bin/sleep 1000
    startsecs = 0
    autostart = false
    stopwaitsecs = 2

    [program:b]
    command = /bin/sleep 1000
    startsecs = 0
    autostart = false
    stopwaitsecs = 2

    [group:grp]
    programs = a,b
    priority = 300

    [program:broken]
    command = /nonexistent/tend-compat-command
    autostart = false

    [program:quick]
    command = /bin/sh -c 'exit 3'
    autostart = false
    startsecs = 1
    startretries = 0

    [program:cat]
    command = /bin/cat
    startsecs = 0
    autostart = false
    stopwaitsecs = 2
"""


class Pair:
    """Tend and supervisord on the same programs."""

    def __init__(self, test, programs=PROGRAMS):
        self.test = test
        self.tend = Daemon("tend", programs)
        try:
            self.reference = Daemon("supervisord", programs)
        except Exception:
            self.tend.close()
            raise
        test.addCleanup(self.close)
        # Both start their autostart programs; wait until they are all up on both.
        for daemon in (self.tend, self.reference):
            daemon.wait_for(lambda d=daemon: "STARTING" not in d.ctl("status")[1], 30, "autostart")

    def close(self):
        self.tend.close()
        self.reference.close()

    def same(self, *args, pids=False):
        """Runs `supervisorctl args` on both; asserts equal normalised output and exit status.

        supervisord lists the results of a stop or start of several processes in the order they
        finish, which varies from run to run: those lines are compared as sets.
        """
        code, out = self.reference.ctl(*args)
        tend_code, tend_out = self.tend.ctl(*args)
        expected = normalize(out, self.reference)
        actual = normalize(tend_out, self.tend)
        if pids:
            expected, actual = normalize_pids(expected), normalize_pids(actual)
        if args and args[0] in ("start", "stop", "restart") and any(a == "all" or a.endswith(":*") for a in args):
            expected, actual = sorted_lines(expected), sorted_lines(actual)
        self.test.assertEqual((tend_code, actual), (code, expected), f"supervisorctl {' '.join(args)}")
        return code, expected


class SupervisorctlTests(unittest.TestCase):
    maxDiff = None

    def test_status_start_stop_restart(self):
        pair = Pair(self)
        for command in [
            ("status",), ("status", "sleeper"), ("status", "nope"), ("status", "grp:*"), ("status", "grp:a", "sleeper"),
            ("stop", "sleeper"), ("stop", "sleeper"), ("status", "sleeper"), ("start", "sleeper"),
            ("start", "sleeper"), ("restart", "sleeper"), ("start", "grp:*"), ("status",), ("stop", "grp:a"),
            ("start", "grp:a", "grp:b"), ("stop", "grp:*"), ("start", "all"), ("stop", "all"), ("status",),
            ("start", "nope"), ("start", "grp:nope"), ("stop", "nope"), ("start",), ("stop",),
            ("start", "broken"), ("start", "quick"), ("status", "quick"), ("restart", "all"), ("status",),
            ("restart",), ("version",), ("avail",),
        ]:
            pair.same(*command)

    def test_pid(self):
        pair = Pair(self)
        for command in [("pid",), ("pid", "sleeper"), ("pid", "grp:a"), ("pid", "nope"), ("pid", "all")]:
            pair.same(*command, pids=True)

    def test_signal(self):
        pair = Pair(self)
        for command in [
            ("signal", "USR1", "talker"), ("signal", "BOGUS", "talker"), ("signal", "HUP", "grp:a"),
            ("signal", "HUP", "nope"), ("signal", "USR1", "grp:*"), ("signal",), ("signal", "USR1"),
            ("start", "grp:a"), ("signal", "CONT", "grp:*"), ("signal", "CONT", "all"), ("signal", "18", "sleeper"),
        ]:
            pair.same(*command)
        for daemon in (pair.tend, pair.reference):
            daemon.wait_for(lambda d=daemon: "got-usr1" in d.ctl("tail", "talker")[1], 10, "the USR1 trap")

    def test_tail_and_clear(self):
        pair = Pair(self)
        for daemon in (pair.tend, pair.reference):
            daemon.wait_for(lambda d=daemon: "talker-err" in d.ctl("tail", "talker", "stderr")[1], 10, "output")
        for command in [
            ("tail", "talker"), ("tail", "talker", "stderr"), ("tail", "-5", "talker"), ("tail", "talker", "stdout"),
            ("tail", "talker", "bogus"), ("tail", "nope"), ("tail",), ("tail", "-x", "talker"), ("tail", "grp:a"),
            ("clear", "talker"), ("tail", "talker"), ("clear", "nope"), ("clear", "all"), ("clear",),
            ("tail", "sleeper"),
        ]:
            pair.same(*command)

    def test_tail_follow_streams_new_output(self):
        pair = Pair(self)
        outputs = []
        for daemon in (pair.tend, pair.reference):
            daemon.ctl("start", "cat")
            daemon.rpc().supervisor.sendProcessStdin("cat", "before follow\n")
            daemon.wait_for(lambda d=daemon: "before follow" in d.ctl("tail", "cat")[1], 10, "cat's output")
            follower = Follower(daemon, "tail", "-f", "cat")
            follower.wait_for("before follow\n")
            daemon.rpc().supervisor.sendProcessStdin("cat", "while following\n")
            follower.wait_for("while following\n")
            # What supervisorctl prints on Ctrl-C depends on where the interrupt lands (a blank line, or
            # "Cannot connect, error: KeyboardInterrupt"), with either daemon: compare what came before it.
            output = normalize(follower.stop(), daemon)
            outputs.append(output[:output.index("while following\n") + len("while following\n")])
        self.assertEqual(outputs[0], outputs[1])
        self.assertTrue(outputs[0].startswith("==> Press Ctrl-C to exit <==\n"), outputs[0])

    def test_tail_follow_of_unknown_process(self):
        pair = Pair(self)
        outputs = []
        for daemon in (pair.tend, pair.reference):
            follower = Follower(daemon, "tail", "-f", "nope")
            outputs.append(normalize(follower.finish(), daemon))
        self.assertEqual(outputs[0], outputs[1])

    def test_fg_sends_input_and_shows_output(self):
        pair = Pair(self)
        outputs = []
        for daemon in (pair.tend, pair.reference):
            daemon.ctl("start", "cat")
            follower = Follower(daemon, "fg", "cat")
            follower.wait_for("==> Press Ctrl-C to exit <==\n")
            follower.send("typed in fg\n")
            follower.wait_for("typed in fg\n")
            # What supervisorctl's fg thread prints while Python shuts down on Ctrl-C ("Exception in
            # thread", "CLOSED Cannot connect, error: SystemExit") races its exit, with either daemon:
            # compare what came before.
            shown = normalize(follower.stop(), daemon)
            outputs.append(shown[:shown.index("typed in fg\n") + len("typed in fg\n")])
        self.assertEqual(outputs[0], outputs[1])
        pair.same("fg", "sleeper", "extra")
        pair.same("fg", "nope")
        pair.same("fg", "grp:a")

    def test_maintail(self):
        pair = Pair(self)
        for daemon in (pair.tend, pair.reference):
            code, out = daemon.ctl("maintail")
            self.assertEqual(code, 0, out)
            self.assertIn("sleeper", out)
            code, out = daemon.ctl("maintail", "-20")
            self.assertEqual((code, len(out)), (0, 21), out)
        for command in [("maintail", "-x"), ("maintail", "1"), ("maintail", "-1", "-2")]:
            pair.same(*command)

    def test_maintail_follow_streams_new_lines(self):
        pair = Pair(self)
        for daemon in (pair.tend, pair.reference):
            follower = Follower(daemon, "maintail", "-f")
            follower.wait_for("==> Press Ctrl-C to exit <==\n")
            daemon.ctl("start", "grp:a")
            follower.wait_for("spawned: 'a'")
            out = follower.stop()
            self.assertIn("entered RUNNING state", out)

    def test_reread_update_add_remove(self):
        pair = Pair(self)
        changed = PROGRAMS.replace("/bin/sleep 1000\n    startsecs = 0\n    stopwaitsecs = 2\n    priority = 100",
                                   "/bin/sleep 999\n    startsecs = 0\n    stopwaitsecs = 2\n    priority = 100")
        changed = changed.replace("[program:quick]", "[program:fresh]\n    command = /bin/sleep 1000\n    "
                                  "startsecs = 0\n\n    [program:quick-old]")
        without_cat = changed.split("[program:cat]")[0]
        for command in [("reread",), ("avail",)]:
            pair.same(*command)
        for daemon in (pair.tend, pair.reference):
            daemon.write_config(without_cat)
        for command in [
            ("reread",), ("avail",), ("add", "nope"), ("add", "fresh"), ("add", "fresh"), ("status",),
            ("remove", "fresh"), ("stop", "fresh"), ("remove", "fresh"), ("remove", "fresh"), ("reread",),
            ("update", "sleeper"), ("update", "nope"), ("status",), ("update",), ("status",), ("avail",),
            ("reread",), ("update", "all"), ("add",), ("remove",),
        ]:
            pair.same(*command)

    def test_reread_of_a_broken_config_keeps_the_running_one(self):
        pair = Pair(self)
        for daemon in (pair.tend, pair.reference):
            daemon.write_config(textwrap.dedent(PROGRAMS) + "\n[program:bad]\ncommand = /bin/true\nstartsecs = notanumber\n")
        for daemon in (pair.tend, pair.reference):
            code, out = daemon.ctl("reread")
            self.assertEqual(code, 1, out)
            self.assertTrue(out.startswith("ERROR: CANT_REREAD: "), out)
            self.assertIn("notanumber", out)
        pair.same("status")

    def test_reload_restarts_the_daemon_with_the_file(self):
        pair = Pair(self)
        pair.same("reload")
        for daemon in (pair.tend, pair.reference):
            daemon.wait_for(lambda d=daemon: "RUNNING" in d.ctl("status", "sleeper")[1], 30, "the reload")
        pair.same("status", "sleeper")

    def test_shutdown(self):
        pair = Pair(self)
        pair.same("shutdown")
        for daemon in (pair.tend, pair.reference):
            daemon.wait_for(lambda d=daemon: not d.alive(), 30, "the daemon's exit")
            self.assertFalse(os.path.exists(daemon.sock) and daemon.listening())
        pair.same("status")
        pair.same("shutdown")


def sorted_lines(text):
    return "".join(sorted(text.splitlines(keepends=True)))


class Follower:
    """supervisorctl running a streaming command (`tail -f`, `maintail -f`, `fg`), read in a thread."""

    def __init__(self, daemon, *args):
        self.process = subprocess.Popen([SUPERVISORCTL, "-c", daemon.conf, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.output = b""
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            chunk = self.process.stdout.read1(65536)
            with self.changed:
                if not chunk:
                    self.changed.notify_all()
                    return
                self.output += chunk
                self.changed.notify_all()

    def wait_for(self, text, timeout=10):
        with self.changed:
            if not self.changed.wait_for(lambda: text.encode() in self.output, timeout):
                self.process.kill()
                raise AssertionError(f"{text!r} not shown within {timeout}s; shown: {self.output!r}")

    def send(self, text):
        self.process.stdin.write(text.encode())
        self.process.stdin.flush()

    def stop(self):
        """Ctrl-C, as a person ends it; returns everything shown."""
        self.process.send_signal(signal.SIGINT)
        return self.finish()

    def finish(self, timeout=15):
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(5)
        return self.output.decode(errors="replace")


if __name__ == "__main__":
    unittest.main()


class SupervisorctlUpdateOfTasksTests(unittest.TestCase):
    """supervisorctl's `update` reaches Tend's [task:x] sections through the daemon's one update path (it has
    no command for tasks: its reloadConfig call applies them), as `tend update` does."""

    TASK = """
        [task:fresh]
        command = {command}
        """

    def submit(self, daemon):
        status, _, body = daemon.http("POST", "/task", body=json.dumps({"task": "fresh", "n": 1}),
                                      headers={"Content-Type": "application/json"})
        self.assertEqual(status, 202, body)
        task_id = json.loads(body)["task_id"]

        def finished():
            code, _, answer = daemon.http("GET", f"/status/{task_id}")
            return (code, json.loads(answer)) if code != 202 else None
        result = eventually(finished, 30)
        self.assertTrue(result, "the job did not finish")
        return result

    def test_update_starts_the_job_queue_and_applies_a_changed_task(self):
        programs = PROGRAMS.split("[program:talker]")[0]
        daemon = Daemon("tend", programs)
        self.addCleanup(daemon.close)
        status, _, _ = daemon.http("POST", "/task", body=b"{}", headers={"Content-Type": "application/json"})
        self.assertEqual(status, 404, "no job queue before the first [task:x]")

        daemon.write_config(programs + textwrap.dedent(self.TASK.format(command="/bin/cat")))
        code, out = daemon.ctl("update")
        self.assertEqual(code, 0, out)
        self.assertEqual(self.submit(daemon), (200, {"status": "COMPLETE", "task": "fresh", "n": 1}))

        changed = """/bin/sh -c 'cat > /dev/null; echo "{\\"version\\": 2}"'"""
        daemon.write_config(programs + textwrap.dedent(self.TASK.format(command=changed)))
        code, out = daemon.ctl("update")
        self.assertEqual(code, 0, out)
        self.assertEqual(self.submit(daemon), (200, {"status": "COMPLETE", "version": 2}))
