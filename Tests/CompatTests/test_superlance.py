"""superlance's memmon and httpok, unchanged, as event listeners under Tend.

Run by scripts/test with TEND_BIN (the tend executable) and SUPERLANCE_BIN (the venv's bin
directory holding memmon and httpok). Each test starts its own daemon in its own temp directory
and ends it, and every process it started, by pid.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest
import urllib.request

from compat_harness import eventually

TEND = os.environ.get("TEND_BIN")
BIN = os.environ.get("SUPERLANCE_BIN")
if not (TEND and BIN):
    raise RuntimeError("needs TEND_BIN and SUPERLANCE_BIN (scripts/test sets them)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    def __init__(self, programs):
        self.dir = tempfile.mkdtemp(prefix="tend-superlance-")
        self.conf = os.path.join(self.dir, "supervisord.conf")
        self.sock = os.path.join(self.dir, "tend.sock")
        with open(self.conf, "w") as f:
            f.write(textwrap.dedent(f"""
                [unix_http_server]
                file = {self.sock}

                [supervisord]
                logfile = {self.dir}/tend.log
                pidfile = {self.dir}/tend.pid
                childlogdir = {self.dir}

                [supervisorctl]
                serverurl = unix://{self.sock}

                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                """) + textwrap.dedent(programs))
        out = subprocess.run([TEND, "up", "-c", self.conf, "--detach"], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"tend up failed: {out.stdout}{out.stderr}")

    def pid_of(self, name):
        out = subprocess.run([TEND, "-c", self.conf, "pid", name], capture_output=True, text=True, timeout=30)
        return int(out.stdout.strip() or 0)

    def wait_for(self, predicate, timeout, what):
        value = eventually(predicate, timeout, interval=0.2)
        if value:
            return value
        with open(os.path.join(self.dir, "tend.log")) as f:
            log = f.read()
        raise AssertionError(f"{what} did not happen within {timeout}s; daemon log:\n{log}")

    def close(self):
        subprocess.run([TEND, "-c", self.conf, "down"], capture_output=True, timeout=60)
        subprocess.run([TEND, "-c", self.conf, "kill"], capture_output=True, timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


class SuperlanceTests(unittest.TestCase):
    def test_memmon_restarts_a_program_over_its_memory_limit(self):
        hog = "import time; x = bytearray(60 * 1024 * 1024); x[::4096] = b'x' * len(x[::4096]); time.sleep(600)"
        daemon = Daemon(f"""
            [program:hog]
            command = {sys.executable} -c "{hog}"
            startsecs = 0
            autorestart = true

            [eventlistener:memmon]
            command = {BIN}/memmon -p hog=20MB
            events = TICK_5
            stdout_logfile = NONE
            """)
        try:
            first = daemon.wait_for(lambda: daemon.pid_of("hog"), 15, "hog running")
            daemon.wait_for(lambda: daemon.pid_of("hog") not in (0, first), 30, "memmon restarting hog")
        finally:
            daemon.close()

    def test_httpok_restarts_a_program_whose_url_stops_answering(self):
        port = free_port()
        daemon = Daemon(f"""
            [program:web]
            command = {sys.executable} -m http.server {port} --bind 127.0.0.1
            startsecs = 0
            stopwaitsecs = 1

            [eventlistener:httpok]
            command = {BIN}/httpok -p web -t 2 http://127.0.0.1:{port}/
            events = TICK_5
            stdout_logfile = NONE
            """)
        try:
            first = daemon.wait_for(lambda: daemon.pid_of("web"), 15, "web running")

            def answers():
                try:
                    return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).status == 200
                except OSError:
                    return False

            daemon.wait_for(answers, 15, "web answering")
            os.kill(first, signal.SIGSTOP)  # still running, no longer answering
            daemon.wait_for(lambda: daemon.pid_of("web") not in (0, first), 40, "httpok restarting web")
            daemon.wait_for(answers, 15, "the new web answering")
        finally:
            daemon.close()


if __name__ == "__main__":
    unittest.main()
