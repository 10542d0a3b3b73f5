"""Python's xmlrpc.client, and raw HTTP, against Tend's /RPC2, /logtail and /mainlogtail, side by
side with the real supervisord 4.3.0 on the same config: every method's result or fault must be the
same (after replacing pids, times and log file names), and so must the HTTP answers.

Run by scripts/test with TEND_BIN and SUPERVISORCTL (SUPERVISORD defaults to the supervisord beside
SUPERVISORCTL).
"""
import json
import re
import socket
import unittest
import xmlrpc.client

from compat_harness import Daemon, eventually, require_tools

require_tools("tend", "supervisord")
from test_supervisorctl import PROGRAMS

TIME_KEYS = {"pid", "start", "stop", "now"}
LOG_KEYS = {"logfile", "stdout_logfile", "stderr_logfile"}


def shape(value, daemon):
    """`value` with what legitimately differs between two daemons replaced by placeholders."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key in TIME_KEYS and isinstance(item, int):
                result[key] = "N" if item else 0
            elif key in LOG_KEYS and isinstance(item, str) and item not in ("", "auto", "none"):
                result[key] = "LOGFILE"
            else:
                result[key] = shape(item, daemon)
        return result
    if isinstance(value, list):
        return [shape(item, daemon) for item in value]
    if isinstance(value, str):
        value = value.replace(daemon.dir, "DIR")
        value = re.sub(r"pid \d+, uptime \d+:\d\d:\d\d", "pid PID, uptime UPTIME", value)
        return re.sub(r"\b[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M\b", "DATE", value)
    return value


def outcome(call, daemon):
    """What a call gives: its shaped value, a fault, or an HTTP error."""
    try:
        return ("value", shape(call(daemon.rpc()), daemon))
    except xmlrpc.client.Fault as fault:
        return ("fault", fault.faultCode, shape(fault.faultString, daemon))
    except xmlrpc.client.ProtocolError as error:
        return ("http", error.errcode)


def raw_request(daemon, data, read_until=None, timeout=5):
    """Sends raw bytes on the control socket; returns what comes back (until `read_until` or close)."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(timeout)
        s.connect(daemon.sock)
        s.sendall(data)
        received = b""
        try:
            while read_until is None or read_until not in received:
                chunk = s.recv(65536)
                if not chunk:
                    break
                received += chunk
        except socket.timeout:
            pass
        return received


def http_head(response):
    """(status, {lower-case header: value}) of a raw response."""
    head = response.split(b"\r\n\r\n", 1)[0].decode()
    lines = head.split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers


def dechunk(body):
    """The data of a chunked body (as far as it goes)."""
    data = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        data += rest[:size]
        body = rest[size + 2:]
    return data


class XMLRPCTests(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tend = Daemon("tend", PROGRAMS)
        self.addCleanup(self.tend.close)
        self.reference = Daemon("supervisord", PROGRAMS)
        self.addCleanup(self.reference.close)
        for daemon in (self.tend, self.reference):
            daemon.wait_for(lambda d=daemon: all(info["statename"] != "STARTING"
                                                 for info in d.rpc().supervisor.getAllProcessInfo()), 30, "autostart")
            daemon.wait_for(lambda d=daemon: "talker-err" in d.rpc().supervisor.readProcessStderrLog("talker", 0, 0),
                            10, "talker's output")

    def same(self, call, description, unordered=False):
        expected = outcome(call, self.reference)
        actual = outcome(call, self.tend)
        if unordered and expected[0] == actual[0] == "value":
            expected = ("value", sorted(expected[1], key=lambda item: json.dumps(item, sort_keys=True)))
            actual = ("value", sorted(actual[1], key=lambda item: json.dumps(item, sort_keys=True)))
        self.assertEqual(actual, expected, description)
        return expected

    def test_daemon_methods(self):
        s = lambda p: p.supervisor
        for call, what in [
            (lambda p: s(p).getAPIVersion(), "getAPIVersion"), (lambda p: s(p).getVersion(), "getVersion"),
            (lambda p: s(p).getSupervisorVersion(), "getSupervisorVersion"),
            (lambda p: s(p).getIdentification(), "getIdentification"), (lambda p: s(p).getState(), "getState"),
            (lambda p: type(s(p).getPID()).__name__, "getPID"),
            (lambda p: type(s(p).readLog(-10, 0)).__name__, "readLog"),
            (lambda p: len(s(p).readLog(-10, 0)), "readLog length"),
            (lambda p: s(p).readLog(-5, 5), "readLog bad arguments"),
            (lambda p: s(p).readMainLog(0, -1), "readMainLog bad arguments"),
            (lambda p: s(p).readLog(10 ** 8, 0), "readLog past the end"),
            (lambda p: s(p).reloadConfig(), "reloadConfig"),
            (lambda p: s(p).addProcessGroup("grp"), "addProcessGroup running"),
            (lambda p: s(p).addProcessGroup("nope"), "addProcessGroup unknown"),
            (lambda p: s(p).removeProcessGroup("sleeper"), "removeProcessGroup running"),
            (lambda p: s(p).removeProcessGroup("nope"), "removeProcessGroup unknown"),
            (lambda p: s(p).removeProcessGroup("broken"), "removeProcessGroup stopped"),
            (lambda p: s(p).reloadConfig(), "reloadConfig after a removal"),
            (lambda p: s(p).addProcessGroup("broken"), "addProcessGroup back"),
            (lambda p: s(p).sendRemoteCommEvent("type", "data"), "sendRemoteCommEvent"),
            (lambda p: s(p).clearLog(), "clearLog"),
        ]:
            self.same(call, what)

    def test_process_methods(self):
        s = lambda p: p.supervisor
        for call, what, unordered in [
            (lambda p: s(p).getProcessInfo("sleeper"), "getProcessInfo", False),
            (lambda p: s(p).getProcessInfo("grp:a"), "getProcessInfo in a group", False),
            (lambda p: s(p).getProcessInfo("nope"), "getProcessInfo unknown", False),
            (lambda p: s(p).getProcessInfo("grp:*"), "getProcessInfo group", False),
            (lambda p: s(p).getAllProcessInfo(), "getAllProcessInfo", False),
            (lambda p: s(p).getAllConfigInfo(), "getAllConfigInfo", False),
            (lambda p: s(p).startProcess("grp:a"), "startProcess", False),
            (lambda p: s(p).startProcess("grp:a"), "startProcess twice", False),
            (lambda p: s(p).startProcess("a"), "startProcess by a bad short name", False),
            (lambda p: s(p).stopProcess("grp:a", False), "stopProcess without wait", False),
            (lambda p: s(p).getProcessInfo("grp:a")["statename"] in ("STOPPING", "STOPPED"), "stopping", False),
            (lambda p: s(p).startProcess("broken"), "startProcess without a command", False),
            (lambda p: s(p).startProcessGroup("grp"), "startProcessGroup", True),
            (lambda p: s(p).startProcess("grp:*"), "startProcess of a started group", False),
            (lambda p: s(p).stopProcessGroup("grp"), "stopProcessGroup", True),
            (lambda p: s(p).stopProcess("grp:b"), "stopProcess not running", False),
            (lambda p: s(p).startProcessGroup("nope"), "startProcessGroup unknown", False),
            (lambda p: s(p).signalProcess("talker", "USR1"), "signalProcess", False),
            (lambda p: s(p).signalProcess("talker", "NOPE"), "signalProcess bad signal", False),
            (lambda p: s(p).signalProcess("cat", "HUP"), "signalProcess not running", False),
            (lambda p: s(p).signalProcessGroup("grp", "HUP"), "signalProcessGroup of stopped processes", False),
            (lambda p: s(p).signalAllProcesses("CONT"), "signalAllProcesses", True),
            (lambda p: s(p).signalAllProcesses("NOPE"), "signalAllProcesses bad signal", True),
            (lambda p: s(p).sendProcessStdin("cat", "x"), "sendProcessStdin not running", False),
            (lambda p: s(p).startProcess("cat"), "start cat", False),
            (lambda p: s(p).sendProcessStdin("cat", "through stdin\n"), "sendProcessStdin", False),
            (lambda p: eventually(lambda: "got-usr1" in s(p).readProcessStdoutLog("talker", 0, 0)),
             "the USR1 trap's output", False),
            (lambda p: s(p).tailProcessStdoutLog("talker", 0, 5), "tailProcessStdoutLog", False),
            (lambda p: s(p).tailProcessLog("talker", 3, 100), "tailProcessLog", False),
            (lambda p: s(p).tailProcessStderrLog("talker", 0, 100), "tailProcessStderrLog", False),
            (lambda p: s(p).readProcessStderrLog("talker", 0, 0), "readProcessStderrLog", False),
            (lambda p: s(p).readProcessLog("talker", 2, 3), "readProcessLog", False),
            (lambda p: s(p).readProcessStdoutLog("talker", -3, 3), "readProcessStdoutLog bad", False),
            (lambda p: s(p).readProcessStdoutLog("nope", 0, 0), "readProcessStdoutLog unknown", False),
            (lambda p: s(p).clearProcessLogs("talker"), "clearProcessLogs", False),
            (lambda p: s(p).readProcessStdoutLog("talker", 0, 0), "read after clear", False),
            (lambda p: s(p).clearProcessLog("grp:*"), "clearProcessLog of a group", False),
            (lambda p: s(p).clearAllProcessLogs(), "clearAllProcessLogs", False),
            (lambda p: s(p).stopAllProcesses(), "stopAllProcesses", True),
            # supervisord answers SPAWN_ERROR or OK for `quick` depending on whether it already exited (seen in CI
            # under load): compare the others.
            (lambda p: [r for r in s(p).startAllProcesses(False) if r["name"] != "quick"], "startAllProcesses without wait",
             True),
            # `quick` exits at once: wait until both daemons gave up on it, or the stop races its failure.
            (lambda p: eventually(lambda: s(p).getProcessInfo("quick")["statename"] == "FATAL"), "quick is FATAL",
             False),
            (lambda p: s(p).stopAllProcesses(), "stopAllProcesses again", True),
        ]:
            self.same(call, what, unordered)

    def test_system_methods_and_dispatch(self):
        methods = self.same(lambda p: p.system.listMethods(), "listMethods")[1]
        for name in methods:
            self.same(lambda p, n=name: p.system.methodSignature(n), f"methodSignature {name}")
            self.same(lambda p, n=name: type(p.system.methodHelp(n)).__name__, f"methodHelp {name}")
        for call, what in [
            (lambda p: p.system.methodHelp("nope"), "methodHelp unknown"),
            (lambda p: p.system.methodSignature("nope"), "methodSignature unknown"),
            (lambda p: p.supervisor.nope(), "unknown method"),
            (lambda p: p.nope.getState(), "unknown namespace"),
            (lambda p: p.supervisor._update("x"), "private method"),
            (lambda p: getattr(p, "supervisor.getState.x")(), "three parts"),
            (lambda p: p.supervisor.getProcessInfo(), "too few parameters"),
            (lambda p: p.supervisor.getState(1), "too many parameters"),
            (lambda p: p.system.multicall([
                {"methodName": "supervisor.getIdentification"}, {"methodName": "supervisor.nope"},
                {"methodName": "system.multicall", "params": [[]]}, {"params": []},
                {"methodName": "supervisor.getProcessInfo", "params": ["nope"]},
                {"methodName": "supervisor.getProcessInfo", "params": []},
                {"methodName": "supervisor.stopProcess", "params": ["sleeper"]},
                {"methodName": "supervisor.getProcessInfo", "params": ["sleeper"]},
            ]), "multicall"),
            (lambda p: p.system.multicall(1), "multicall of a number"),
        ]:
            self.same(call, what)

    def test_bad_requests_get_what_supervisord_gives_and_the_daemon_keeps_serving(self):
        bodies = [
            b"<methodCall><methodName>supervisor.getState</methodName",
            b"<methodCall><params/></methodCall>",
            b"<methodCall><methodName></methodName></methodCall>",
            b"not xml",
        ]
        for daemon in (self.tend, self.reference):
            for body in bodies:
                status, _, _ = daemon.http("POST", "/RPC2", body, {"Content-Type": "text/xml"})
                self.assertEqual(status, 400, (daemon.kind, body))
            status, headers, _ = daemon.http("GET", "/RPC2")
            self.assertEqual(status, 400, daemon.kind)
            status, headers, body = daemon.http(
                "POST", "/RPC2", b"<methodCall><methodName>supervisor.getAPIVersion</methodName></methodCall>",
                {"Content-Type": "text/xml"})
            self.assertEqual((status, headers.get("Content-Type")), (200, "text/xml"), daemon.kind)
            self.assertEqual(xmlrpc.client.loads(body)[0], ("3.0",))

    def test_an_oversized_body_is_413_and_the_daemon_keeps_serving(self):
        body = b"<methodCall><methodName>supervisor.getState</methodName><params><param><value><string>" \
               + b"x" * (2 << 20) + b"</string></value></param></params></methodCall>"
        response = raw_request(self.tend, b"POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
                               + b"Content-Length: %d\r\n\r\n" % len(body) + body, read_until=b"\r\n\r\n")
        self.assertEqual(http_head(response)[0], 413)
        self.assertEqual(self.tend.rpc().supervisor.getState()["statename"], "RUNNING")

    def test_logtail_answers_like_supervisord(self):
        results = []
        for daemon in (self.tend, self.reference):
            response = raw_request(daemon, b"GET /logtail/talker/stderr HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                   read_until=b"talker-err\n")
            status, headers = http_head(response)
            body = dechunk(response.split(b"\r\n\r\n", 1)[1])
            results.append((status, headers.get("content-type"), headers.get("transfer-encoding"),
                            headers.get("x-accel-buffering"), "last-modified" in headers, body))
            for path in (b"/logtail/nope/stdout", b"/logtail/grp:*/stdout", b"/logtail/talker/bogus"):
                response = raw_request(daemon, b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                       read_until=b"\r\n\r\n")
                results.append((path, http_head(response)[0]))
            response = raw_request(daemon, b"GET /mainlogtail HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                   read_until=b"\r\n\r\n")
            status, headers = http_head(response)
            results.append(("main", status, headers.get("content-type"), "last-modified" in headers))
        half = len(results) // 2
        self.assertEqual(results[:half], results[half:])
        self.assertEqual(results[0][0], 200)
        self.assertEqual(results[0][-1], b"talker-err\n")


if __name__ == "__main__":
    unittest.main()
