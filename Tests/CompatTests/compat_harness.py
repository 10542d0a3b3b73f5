"""Shared pieces of the compatibility tests: a daemon (Tend, or the real supervisord 4.3.0 for
reference) on a generated config in its own temp directory, the real supervisorctl against it,
an xmlrpc.client proxy over its unix socket, and the normalisation that makes two daemons'
outputs comparable (pids, uptimes, dates).

Environment: TEND_BIN (the tend executable), SUPERVISORCTL (the real supervisorctl); SUPERVISORD
(the real supervisord; default: the one beside SUPERVISORCTL). A test module that needs a missing
one fails at import with a message saying which: nothing is skipped silently.
"""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import textwrap
import time
import xmlrpc.client

TEND = os.environ.get("TEND_BIN")
SUPERVISORCTL = os.environ.get("SUPERVISORCTL")
SUPERVISORD = os.environ.get("SUPERVISORD") or (
    os.path.join(os.path.dirname(SUPERVISORCTL), "supervisord") if SUPERVISORCTL else None)


def eventually(check, timeout=10, interval=0.05):
    """The first true value of `check()` within `timeout` seconds, else the last (false) one."""
    deadline = time.monotonic() + timeout
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = check()
    return value


def require_tools(*kinds):
    """Fails (at import of the test module) when a tool that `kinds` name is missing."""
    problem = missing_tools(*kinds)
    if problem:
        raise RuntimeError(problem)


def missing_tools(*kinds):
    """Why the tests needing `kinds` cannot run ('' when they can)."""
    needs = {"tend": ("TEND_BIN", TEND), "supervisorctl": ("SUPERVISORCTL", SUPERVISORCTL),
             "supervisord": ("SUPERVISORD", SUPERVISORD)}
    missing = [name for kind in kinds for name, path in [needs[kind]]
               if not path or not os.access(path, os.X_OK)]
    return "needs " + ", ".join(missing) + " (scripts/test sets them)" if missing else ""


class UnixStreamConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=30):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


class UnixTransport(xmlrpc.client.Transport):
    """xmlrpc.client over a unix socket, with nothing of supervisor's own client code."""

    def __init__(self, path):
        super().__init__()
        self.socket_path = path

    def make_connection(self, host):
        return UnixStreamConnection(self.socket_path)


class Daemon:
    """One daemon (`kind` 'tend' or 'supervisord') on a config made of `programs` (INI text)."""

    def __init__(self, kind, programs, extra=""):
        self.kind = kind
        self.dir = tempfile.mkdtemp(prefix=f"compat-{kind}-")
        self.conf = os.path.join(self.dir, "supervisord.conf")
        self.sock = os.path.join(self.dir, "daemon.sock")
        self.log = os.path.join(self.dir, "daemon.log")
        self.pidfile = os.path.join(self.dir, "daemon.pid")
        self.write_config(programs, extra)
        if kind == "tend":
            command = [TEND, "up", "-c", self.conf, "--detach"]
        else:
            command = [SUPERVISORD, "-c", self.conf]
        out = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=self.dir)
        if out.returncode != 0:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise RuntimeError(f"{kind} did not start: {out.stdout}{out.stderr}")
        self.pid = None
        try:
            self.wait_for(lambda: self.listening(), 30, "the control socket")
            # supervisord writes its pidfile after it daemonizes, which may be after it listens.
            self.pid = self.wait_for(self.read_pid, 30, "the pidfile")
        except BaseException:
            self.pid = self.pid or self.read_pid()
            self.close()
            raise

    def read_pid(self):
        try:
            with open(self.pidfile) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def write_config(self, programs, extra=""):
        with open(self.conf, "w") as f:
            f.write(textwrap.dedent(f"""\
                [unix_http_server]
                file = {self.sock}

                [supervisord]
                logfile = {self.log}
                pidfile = {self.pidfile}
                childlogdir = {self.dir}
                nodaemon = false
                identifier = compat

                [supervisorctl]
                serverurl = unix://{self.sock}

                [rpcinterface:supervisor]
                supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
                """) + textwrap.dedent(extra) + "\n" + textwrap.dedent(programs))

    def listening(self):
        with socket.socket(socket.AF_UNIX) as s:
            try:
                s.connect(self.sock)
                return True
            except OSError:
                return False

    def wait_for(self, predicate, timeout, what):
        value = eventually(predicate, timeout)
        if value:
            return value
        raise AssertionError(f"{self.kind}: {what} not ready within {timeout}s; log:\n{self.read_log()}")

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except OSError:
            return "(no log)"

    def ctl(self, *args, timeout=60):
        """Runs supervisorctl; returns (exit status, output)."""
        out = subprocess.run([SUPERVISORCTL, "-c", self.conf, *args], capture_output=True, text=True,
                             timeout=timeout, stdin=subprocess.DEVNULL)
        return out.returncode, out.stdout + out.stderr

    def rpc(self):
        return xmlrpc.client.ServerProxy("http://localhost/RPC2", transport=UnixTransport(self.sock),
                                         allow_none=True)

    def http(self, method, path, body=None, headers=None, timeout=10):
        """One raw HTTP request on the control socket; returns (status, headers, body)."""
        connection = UnixStreamConnection(self.sock, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def alive(self):
        if not self.pid:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        # A zombie of a daemon we started is gone for our purpose.
        try:
            with open(f"/proc/{self.pid}/stat") as f:
                return f.read().rsplit(")", 1)[1].split()[0] != "Z"
        except OSError:
            return False

    def close(self):
        if not self.pid and self.listening():
            self.ctl("shutdown", timeout=60)
        if self.alive():
            self.ctl("shutdown", timeout=60)
            deadline = time.monotonic() + 30
            while self.alive() and time.monotonic() < deadline:
                time.sleep(0.05)
            if self.alive():
                os.kill(self.pid, signal.SIGKILL)
        if self.kind == "tend" and TEND:
            subprocess.run([TEND, "-c", self.conf, "kill"], capture_output=True, timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


_PATTERNS = [
    (re.compile(r"pid \d+, uptime \d+:\d\d:\d\d"), "pid PID, uptime UPTIME"),
    (re.compile(r"\b[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M\b"), "DATE"),
]


def normalize(text, daemon):
    """The output with what differs between two runs replaced: pids, uptimes, dates, paths."""
    text = text.replace(daemon.dir, "DIR")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def normalize_pids(text):
    return re.sub(r"^\d+$", "PID", text, flags=re.M)
