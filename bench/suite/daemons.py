"""The two daemons under test, Tend and supervisord 4.3.0, each started on the same generated
supervisord.conf in its own temp directory (unix socket, loopback only), observed from outside:
its log, its XML-RPC API over the unix socket, and /proc.
"""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import xmlrpc.client

LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) \w+ (.*)$")


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=60):
        super().__init__("localhost", timeout=timeout)
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


class UnixTransport(xmlrpc.client.Transport):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def make_connection(self, host):
        return UnixConnection(self.path)


def generate_config(directory, programs, extra_programs=""):
    """The supervisord.conf both daemons run: `programs` sleepers plus `extra_programs` (INI text)."""
    lines = [
        "[unix_http_server]", f"file = {directory}/daemon.sock", "",
        "[supervisord]", f"logfile = {directory}/daemon.log", f"pidfile = {directory}/daemon.pid",
        f"childlogdir = {directory}", "nodaemon = true", "minfds = 8192", "minprocs = 4096",
        "logfile_maxbytes = 0", "",
        "[supervisorctl]", f"serverurl = unix://{directory}/daemon.sock", "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
    ]
    for i in range(programs):
        lines += [f"[program:sleep{i:04d}]", "command = /bin/sleep 100000", "startsecs = 0",
                  "stdout_logfile = NONE", "stderr_logfile = NONE", ""]
    return "\n".join(lines) + "\n" + extra_programs


class Daemon:
    """One daemon of `kind` ('tend' or 'supervisord') on a config of `programs` sleepers."""

    def __init__(self, kind, tools, programs, extra_programs=""):
        self.kind = kind
        self.tools = tools
        self.dir = tempfile.mkdtemp(prefix=f"bench-{kind}-")
        self.conf = os.path.join(self.dir, "supervisord.conf")
        self.sock = os.path.join(self.dir, "daemon.sock")
        self.log = os.path.join(self.dir, "daemon.log")
        with open(self.conf, "w") as f:
            f.write(generate_config(self.dir, programs, extra_programs))
        self.process = None
        self.launched_at = None
        self.children = set()

    # -- life cycle ----------------------------------------------------------------------------

    def launch(self):
        """Starts the daemon in the foreground (its own session); returns the wall-clock launch time."""
        if self.kind == "tend":
            argv = [self.tools["tend"], "up", "-c", self.conf]
        else:
            argv = [self.tools["supervisord"], "-c", self.conf, "-n"]
        self.launched_at = time.time()
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        stdin=subprocess.DEVNULL, start_new_session=True, cwd=self.dir)
        return self.launched_at

    @property
    def pid(self):
        return self.process.pid

    def rpc(self):
        return xmlrpc.client.ServerProxy("http://localhost", transport=UnixTransport(self.sock))

    def wait_serving(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.rpc().supervisor.getState()
                return
            except (OSError, xmlrpc.client.Error, http.client.HTTPException):
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.kind} exited with {self.process.returncode}; see {self.log}")
                time.sleep(0.01)
        raise RuntimeError(f"{self.kind} did not answer within {timeout} s")

    def wait_all_running(self, count, timeout=300, interval=0.01):
        """Polls getAllProcessInfo until `count` processes are RUNNING; records their pids."""
        self.wait_serving(timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            infos = self.rpc().supervisor.getAllProcessInfo()
            running = [i for i in infos if i["statename"] == "RUNNING"]
            self.children.update(i["pid"] for i in running)
            if len(running) >= count:
                return time.time()
            time.sleep(interval)
        raise RuntimeError(f"{self.kind}: not all {count} programs RUNNING within {timeout} s")

    def stop(self):
        """Shuts the daemon down over XML-RPC; kills what is left (daemon and children) by pid."""
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self.rpc().supervisor.shutdown()
                self.process.wait(timeout=60)
            except Exception:
                pass
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        for pid in self.children:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
        self.process = None

    # -- observation ---------------------------------------------------------------------------

    def log_events(self, pattern):
        """(wall-clock time, message) of each log line whose message matches `pattern`."""
        regex = re.compile(pattern)
        events = []
        with open(self.log, errors="replace") as f:
            for line in f:
                match = LOG_LINE.match(line.rstrip("\n"))
                if match and regex.search(match.group(3)):
                    stamp = time.mktime(time.strptime(match.group(1), "%Y-%m-%d %H:%M:%S"))
                    events.append((stamp + int(match.group(2)) / 1000, match.group(3)))
        return events

    def cpu_seconds(self):
        """User + system CPU time of the daemon (all threads)."""
        fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wakeups(self):
        """{thread id: voluntary context switches} of every thread of the daemon (each one is a sleep
        that ended: a wake-up)."""
        counts = {}
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                for line in open(f"/proc/{self.pid}/task/{task}/status"):
                    if line.startswith("voluntary_ctxt_switches:"):
                        counts[task] = int(line.split()[1])
            except FileNotFoundError:
                pass
        return counts

    def rss_kib(self):
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def ctl(self, *args):
        """One control command, as a user types it: `tend status` or `supervisorctl status`."""
        if self.kind == "tend":
            argv = [self.tools["tend"], "-c", self.conf, *args]
        else:
            argv = [self.tools["supervisorctl"], "-c", self.conf, *args]
        return subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
