"""ncolony mode, driven by the real `python -m ncolony ctl` (ncolony from PyPI, in scripts/test's virtualenv).

Run by scripts/test with TEND_BIN, SUPERVISORCTL and NCOLONY_PYTHON (a python that imports ncolony). Each test has
its own temp directory holding the two ncolony directories, its own daemon, and ends every process it started.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from compat_harness import Daemon, eventually, require_tools

require_tools("tend", "supervisorctl")
NCOLONY_PYTHON = os.environ.get("NCOLONY_PYTHON")
if not NCOLONY_PYTHON or subprocess.run([NCOLONY_PYTHON, "-c", "import ncolony"]).returncode != 0:
    raise RuntimeError("needs NCOLONY_PYTHON, a python with ncolony installed (scripts/test sets it)")
TEND = os.environ["TEND_BIN"]
MARK = "TEND_NCOLONY_TEST_MARK"


def read(path, mode="r"):
    """The file's contents, or None when it cannot be read."""
    try:
        with open(path, mode) as f:
            return f.read()
    except OSError:
        return None


class Places:
    """An ncolony config and messages directory in a temp directory of their own."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tend-ncolony-")
        self.config = os.path.join(self.dir, "config")
        self.messages = os.path.join(self.dir, "messages")
        os.mkdir(self.config)
        os.mkdir(self.messages)

    def ctl(self, *args):
        """`python -m ncolony ctl --messages M --config C ARGS`, which must succeed."""
        out = subprocess.run([NCOLONY_PYTHON, "-m", "ncolony", "ctl", "--messages", self.messages,
                              "--config", self.config, *args], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return out

    def tend(self, *args, check=True):
        """`tend ARGS --ncolony-config C --ncolony-messages M`."""
        out = subprocess.run([TEND, *args, "--ncolony-config", self.config, "--ncolony-messages", self.messages],
                             capture_output=True, text=True, timeout=60)
        if check:
            assert out.returncode == 0, out.stderr
        return out

    def path(self, name):
        return os.path.join(self.dir, name)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def sleeper_args(places, name):
    """ncolony ctl add arguments for a program that records its environment, then sleeps."""
    out = places.path(name + ".env")
    return [name, "--cmd", "/bin/sh", "--arg=-c", "--arg", f"env > {out}.tmp && mv {out}.tmp {out}; exec sleep 1000"]


class NcolonyTestCase(unittest.TestCase):
    def start(self, places, extra=""):
        os.environ[MARK] = "daemon-only"
        try:
            daemon = Daemon("tend", "", extra=f"[ncolony]\nconfig = {places.config}\nmessages = {places.messages}\n{extra}\n")
        finally:
            del os.environ[MARK]
        self.addCleanup(daemon.close)
        return daemon

    def places(self):
        places = Places()
        self.addCleanup(places.close)
        return places

    def status(self, daemon, name):
        """(state, pid) of `name` in the real supervisorctl's status, or None when it is not listed."""
        _, out = daemon.ctl("status", name)
        match = re.match(rf"^{re.escape(name)}\s+(\w+)\s+(?:pid (\d+))?", out)
        if not match or "no such process" in out.lower():
            return None
        return match.group(1), int(match.group(2)) if match.group(2) else None

    def running_pid(self, daemon, name, other_than=None, timeout=20):
        def check():
            status = self.status(daemon, name)
            if status and status[0] == "RUNNING" and status[1] and status[1] != other_than:
                return status[1]
            return None
        pid = eventually(check, timeout)
        self.assertTrue(pid, f"{name} not RUNNING (other than pid {other_than}); log:\n{daemon.read_log()}")
        return pid

    def environment(self, places, name):
        path = places.path(name + ".env")
        self.assertTrue(eventually(lambda: os.path.exists(path), 20), f"{name} wrote no environment")
        with open(path) as f:
            return dict(line.split("=", 1) for line in f.read().splitlines() if "=" in line)


class CtlAgainstTend(NcolonyTestCase):
    def test_add_restart_restart_all_and_remove_with_the_real_ctl(self):
        places = self.places()
        daemon = self.start(places)
        places.ctl("add", *sleeper_args(places, "sleeper"), "--env", "FOO=bar", "--env-inherit", "PATH",
                   "--env-inherit", "NOT_SET_ANYWHERE")
        first = self.running_pid(daemon, "sleeper")
        env = self.environment(places, "sleeper")
        with open(os.path.join(places.config, "sleeper")) as f:
            self.assertEqual(env["NCOLONY_CONFIG"], f.read())
        self.assertEqual(env["NCOLONY_NAME"], "sleeper")
        self.assertEqual(env["FOO"], "bar")
        self.assertEqual(env["PATH"], os.environ["PATH"])
        self.assertEqual(env["NOT_SET_ANYWHERE"], "")
        self.assertNotIn(MARK, env, "the daemon's own environment leaked into an ncolony program")
        self.assertNotIn("SUPERVISOR_ENABLED", env)

        os.unlink(places.path("sleeper.env"))
        places.ctl("add", *sleeper_args(places, "sleeper"), "--env", "FOO=changed")
        second = self.running_pid(daemon, "sleeper", other_than=first)
        self.assertEqual(self.environment(places, "sleeper")["FOO"], "changed")

        places.ctl("restart", "sleeper")
        third = self.running_pid(daemon, "sleeper", other_than=second)
        places.ctl("add", *sleeper_args(places, "other"))
        other = self.running_pid(daemon, "other")
        places.ctl("restart-all")
        self.running_pid(daemon, "sleeper", other_than=third)
        self.running_pid(daemon, "other", other_than=other)
        self.assertTrue(eventually(lambda: os.listdir(places.messages) == [], 10), os.listdir(places.messages))

        places.ctl("remove", "sleeper")
        self.assertTrue(eventually(lambda: self.status(daemon, "sleeper") is None, 20), daemon.read_log())
        self.assertIsNotNone(self.status(daemon, "other"))

    def test_a_program_added_while_tend_is_down_starts_with_it(self):
        places = self.places()
        places.ctl("add", *sleeper_args(places, "early"))
        daemon = self.start(places)
        self.running_pid(daemon, "early")

    @unittest.skipUnless(os.geteuid() == 0, "uid and gid can only be switched by a daemon running as root")
    def test_uid_and_gid_apply(self):
        places = self.places()
        daemon = self.start(places)
        places.ctl("add", "nobody", "--cmd", "/bin/sleep", "--arg", "1000", "--uid", "65534", "--gid", "65533")
        pid = self.running_pid(daemon, "nobody")
        status = read(f"/proc/{pid}/status")
        self.assertRegex(status, r"\nUid:\t65534\t65534\t65534\t65534\n")
        self.assertRegex(status, r"\nGid:\t65533\t65533\t65533\t65533\n")

    def test_the_seeds_ncolony_scheduler_line_runs_as_a_native_scheduled_program(self):
        places = self.places()
        daemon = self.start(places)
        marks = places.path("hello")
        places.ctl("add", "echo", "--cmd=python", "--arg=-m", "--arg=twisted", "--arg=ncolony-scheduler",
                   "--arg=--arg=/bin/sh", "--arg=--arg=-c", f"--arg=--arg=echo hello >> {marks}",
                   "--arg=--frequency=1", "--arg=--timeout=5", "--arg=--grace=10")
        self.assertTrue(eventually(lambda: len((read(marks) or "").splitlines()) >= 2, 20), daemon.read_log())
        _, out = daemon.ctl("status", "echo")
        self.assertRegex(out, r"^echo\s+(EXITED|RUNNING)\s")

    def test_pid_files_follow_the_processes(self):
        places = self.places()
        pids = places.path("pids")
        os.mkdir(pids)
        daemon = self.start(places, extra=f"pid = {pids}")
        places.ctl("add", *sleeper_args(places, "web"))
        pid = self.running_pid(daemon, "web")
        path = os.path.join(pids, "web")
        self.assertTrue(eventually(lambda: read(path) == str(pid), 10))
        places.ctl("remove", "web")
        self.assertTrue(eventually(lambda: not os.path.exists(path), 20), daemon.read_log())

    def test_a_quick_death_restarts_with_a_doubling_delay_and_never_gives_up(self):
        places = self.places()
        daemon = self.start(places, extra="threshold = 1\nminrestartdelay = 0.2\nmaxrestartdelay = 0.4")
        marks = places.path("starts")
        places.ctl("add", "flaky", "--cmd", "/bin/sh", "--arg=-c", "--arg", f"echo x >> {marks}; exit 1")

        def starts():
            try:
                with open(marks) as f:
                    return len(f.read().splitlines())
            except OSError:
                return 0
        # supervisord's default would be FATAL after 3 retries; procmon keeps trying.
        self.assertTrue(eventually(lambda: starts() >= 8, 30), f"{starts()} starts; log:\n{daemon.read_log()}")
        state = self.status(daemon, "flaky")
        self.assertIn(state[0], ("BACKOFF", "STARTING"))


class BadInput(NcolonyTestCase):
    def test_bad_files_and_messages_are_logged_and_nothing_else_stops(self):
        places = self.places()
        daemon = self.start(places)
        with open(os.path.join(places.config, "broken"), "w") as f:
            f.write('{"args": ["/bin/true"')
        with open(os.path.join(places.config, "colourful"), "w") as f:
            json.dump({"args": ["/bin/sleep", "1000"], "colour": "blue"}, f)
        self.running_pid(daemon, "colourful")
        for name, text in [("000bad", "not json"), ("001unknown", '{"type": "STOP"}'),
                           ("002nobody", '{"type": "RESTART", "name": "nobody"}')]:
            with open(os.path.join(places.messages, name), "w") as f:
                f.write(text)
        before = self.running_pid(daemon, "colourful")
        places.ctl("restart", "colourful")
        self.running_pid(daemon, "colourful", other_than=before)
        self.assertTrue(eventually(lambda: os.listdir(places.messages) == [], 10), os.listdir(places.messages))
        log = daemon.read_log()
        for name in ["broken", "colour", "000bad", "001unknown", "nobody"]:
            self.assertIn(name, log)
        self.assertIsNone(self.status(daemon, "broken"))

    def test_a_hundred_messages_and_twenty_programs_written_at_once_are_all_applied(self):
        places = self.places()
        daemon = self.start(places)
        script = (
            "import sys\nfrom ncolony import ctllib\n"
            "places = ctllib.Places(config=sys.argv[1], messages=sys.argv[2])\n"
            "for i in range(20): ctllib.add(places, f'p{i:02d}', '/bin/sleep', ['1000'])\n")
        subprocess.run([NCOLONY_PYTHON, "-c", script, places.config, places.messages], check=True, timeout=60)
        for i in range(20):
            self.running_pid(daemon, f"p{i:02d}", timeout=30)
        script = (
            "import sys\nfrom ncolony import ctllib\n"
            "places = ctllib.Places(config=sys.argv[1], messages=sys.argv[2])\n"
            "for i in range(100): ctllib.restart(places, f'p{i % 20:02d}')\n")
        subprocess.run([NCOLONY_PYTHON, "-c", script, places.config, places.messages], check=True, timeout=60)
        self.assertTrue(eventually(lambda: os.listdir(places.messages) == [], 60), os.listdir(places.messages))
        applied = re.findall(r"ncolony: restarting (p\d\d) \(message (\d{3})Message", daemon.read_log())
        self.assertEqual(sorted(number for _, number in applied), [f"{i:03d}" for i in range(100)])
        for i in range(20):
            self.running_pid(daemon, f"p{i:02d}", timeout=30)


class SameFilesBothWays(NcolonyTestCase):
    def test_tend_add_and_restart_write_what_ncolony_ctl_writes(self):
        ours, theirs = self.places(), self.places()
        extras = ours.path("extras.json")
        with open(extras, "w") as f:
            f.write('{"group": ["web", "caf\\u00e9"], "args": ["/bin/echo", "replaced"], "n": 1.50}')
        args = ["web", "--cmd", "/bin/echo", "--arg", 'say "hi"', "--env", "A=1=2", "--env", "B=", "--uid", "0",
                "--gid", "0", "--extras", extras, "--env-inherit", "HOME"]
        theirs.ctl("add", *args)
        ours.tend("add", *args)
        with open(os.path.join(ours.config, "web"), "rb") as a, open(os.path.join(theirs.config, "web"), "rb") as b:
            self.assertEqual(a.read(), b.read())
        self.assertEqual(os.listdir(ours.config), ["web"])

        theirs.ctl("restart", "web")
        theirs.ctl("restart-all")
        ours.tend("restart", "web")
        ours.tend("restart-all")

        def contents(places):
            return sorted(read(os.path.join(places.messages, name), "rb") for name in os.listdir(places.messages))
        self.assertEqual(contents(ours), contents(theirs))
        self.assertTrue(all(re.fullmatch(r"000Message\.\d+", name) for name in os.listdir(ours.messages)))

        bad = ours.tend("add", "x", "--cmd", "/bin/true", "--env", "NOEQUALS", check=False)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("NOEQUALS", bad.stderr)
        bad = ours.tend("add", "x", "--cmd", "/bin/true", "--extras", "[1, 2]", check=False)
        self.assertNotEqual(bad.returncode, 0)
        self.assertEqual(sorted(os.listdir(ours.config)), ["web"])

        ours.tend("remove", "web")
        self.assertEqual(os.listdir(ours.config), [])

    def test_the_real_ncolony_monitor_runs_what_tend_add_wrote(self):
        places = self.places()
        marker = places.path("ran")
        subprocess.run([TEND, "add", "writer", "--cmd", "/bin/sh", "--arg=-c", "--arg",
                        f"echo $NCOLONY_NAME > {marker}; exec sleep 1000",
                        "--ncolony-config", places.config], check=True, timeout=60)
        monitor = subprocess.Popen(
            [NCOLONY_PYTHON, "-m", "twisted", "ncolony", "--config", places.config, "--messages", places.messages,
             "--frequency", "0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self.assertTrue(eventually(lambda: read(marker) == "writer\n", 30))
        finally:
            os.killpg(monitor.pid, signal.SIGTERM)
            try:
                monitor.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(monitor.pid, signal.SIGKILL)
                monitor.wait()
            subprocess.run(["pkill", "-f", marker])

    def test_tend_runs_without_a_config_file_in_ncolony_mode(self):
        places = self.places()
        places.ctl("add", "solo", "--cmd", "/bin/sleep", "--arg", "1000")
        work = places.path("work")
        os.mkdir(work)
        out = subprocess.run([TEND, "up", "--detach", "--ncolony-config", places.config,
                              "--ncolony-messages", places.messages, "--frequency", "10"],
                             cwd=work, capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        with open(os.path.join(work, "tend.pid")) as f:
            pid = int(f.read())
        try:
            self.assertTrue(eventually(lambda: "RUNNING" in subprocess.run(
                [TEND, "status", "solo"], cwd=work, capture_output=True, text=True).stdout, 20))
        finally:
            subprocess.run([TEND, "down"], cwd=work, capture_output=True, timeout=60)
            if not eventually(lambda: not os.path.exists(f"/proc/{pid}"), 20):
                os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    unittest.main()
