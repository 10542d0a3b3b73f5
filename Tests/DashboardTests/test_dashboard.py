"""The web dashboard (GET /) in a real browser: Debian's headless Chromium, driven over the Chrome DevTools
Protocol, against a real Tend daemon started on a config of its own.

Environment: TEND_BIN (the tend binary, required), CHROMIUM (default /usr/bin/chromium),
DASHBOARD_ARTIFACTS (screenshots, default /tmp/dashboard-artifacts), DASHBOARD_SCREENSHOT_TO (when set, the
after-load screenshot is copied there too, e.g. docs/dashboard.png).

Run alone: TEND_BIN=.build/debug/tend CHROMIUM=/usr/bin/chromium python -m unittest discover -s Tests/DashboardTests -v
(with `websocket-client` installed).
"""
import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import websocket

USER, PASSWORD = "admin", "secret"
AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout, what, interval=0.05):
    """Calls `check` every `interval` seconds until it returns something truthy (returned), or fails after `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = check()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what} (last: {last!r})")
        time.sleep(interval)


class CDP:
    """A minimal Chrome DevTools Protocol client over one page target's websocket."""

    def __init__(self, url):
        # Chromium refuses websocket clients that send an Origin header unless allowed: send none.
        self.ws = websocket.create_connection(url, timeout=15, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, timeout=15, **params):
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise AssertionError(f"no answer to {method} within {timeout} s")
            if message.get("id") == ident:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"JS error in {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def drain(self):
        """Reads the events that arrived so far (a cheap round trip)."""
        self.evaluate("1")
        return self.events

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass


class DashboardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tend = os.environ.get("TEND_BIN", "")
        cls.chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        if not cls.tend or not os.access(cls.tend, os.X_OK):
            raise RuntimeError("set TEND_BIN to the tend binary (scripts/test sets it)")
        if not os.access(cls.chromium, os.X_OK):
            raise RuntimeError(f"no Chromium at {cls.chromium} (apt-get install chromium, or set CHROMIUM; scripts/test does)")
        cls.artifacts = os.environ.get("DASHBOARD_ARTIFACTS", "/tmp/dashboard-artifacts")
        os.makedirs(cls.artifacts, exist_ok=True)
        cls.dir = tempfile.mkdtemp(prefix="tend-dashboard-")
        cls.daemon = cls.browser = cls.cdp = None
        cls.port = free_port()  # kept when test_8 starts the daemon again
        try:
            cls.start_daemon()
            cls.start_browser()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.cdp:
            cls.cdp.close()
        if cls.browser and cls.browser.poll() is None:
            try:
                os.killpg(cls.browser.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            cls.browser.wait(timeout=10)
        if cls.daemon:
            if cls.daemon.poll() is None:
                subprocess.run([cls.tend, "-c", cls.config, "shutdown"], capture_output=True, timeout=30)
                try:
                    cls.daemon.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    pass
            if cls.daemon.poll() is None:
                cls.daemon.kill()
                cls.daemon.wait(timeout=10)
            cls.daemon_log.close()
        for name in ("tend.log", "daemon.out", "chromium.err"):  # kept for a failure's diagnosis
            path = os.path.join(cls.dir, name)
            if os.path.exists(path):
                shutil.copy(path, os.path.join(cls.artifacts, name))
        shutil.rmtree(cls.dir, ignore_errors=True)

    # ---- the daemon ----

    @classmethod
    def start_daemon(cls):
        d = cls.dir
        cls.config = os.path.join(d, "tend.conf")
        with open(cls.config, "w") as f:
            f.write(f"""\
[inet_http_server]
port = 127.0.0.1:{cls.port}
username = {USER}
password = {PASSWORD}

[unix_http_server]
file = {d}/tend.sock

[supervisord]
logfile = {d}/tend.log
pidfile = {d}/tend.pid
childlogdir = {d}
nodaemon = true

[supervisorctl]
serverurl = unix://{d}/tend.sock

[program:web]
command = /bin/sh -c 'while true; do echo tick-$(date +%%s%%N); sleep 0.3; done'

[program:worker]
command = /bin/sleep 600

[group:pool]
programs = a, b

[program:a]
command = /bin/sleep 600

[program:b]
command = /bin/sleep 600

[program:nightly]
command = /bin/true
schedule = every 1h

[task:echo]
command = /bin/cat
""")
        cls.daemon_log = open(os.path.join(d, "daemon.out"), "wb")
        cls.daemon = subprocess.Popen([cls.tend, "up", "-c", cls.config], stdout=cls.daemon_log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

        def answers():
            if cls.daemon.poll() is not None:
                raise AssertionError(f"the daemon exited with {cls.daemon.returncode}: {cls.read(os.path.join(d, 'daemon.out'))}")
            out = cls.run_tend("status")
            return out.returncode in (0, 3) and "worker" in out.stdout
        wait_for(answers, 30, "the daemon to answer `status`", interval=0.2)

    @classmethod
    def run_tend(cls, *args, timeout=30):
        return subprocess.run([cls.tend, "-c", cls.config, *args], capture_output=True, text=True, timeout=timeout)

    @staticmethod
    def read(path):
        try:
            with open(path, errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def status_of(self, name):
        out = self.run_tend("status", name)
        return out.stdout

    # ---- the browser ----

    @classmethod
    def start_browser(cls):
        profile = os.path.join(cls.dir, "chromium-profile")
        cls.browser_err = os.path.join(cls.dir, "chromium.err")
        with open(cls.browser_err, "wb") as err:
            cls.browser = subprocess.Popen(
                [cls.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
                 f"--user-data-dir={profile}", "--no-first-run", "--no-default-browser-check",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", "about:blank"],
                stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)

        def listening():
            if cls.browser.poll() is not None:
                raise AssertionError(f"Chromium exited with {cls.browser.returncode}: {cls.read(cls.browser_err)}")
            found = re.search(r"DevTools listening on (ws://\S+)", cls.read(cls.browser_err))
            return found and found.group(1)
        browser_ws = wait_for(listening, 30, "Chromium's DevTools line", interval=0.1)
        devport = int(re.match(r"ws://[^:/]+:(\d+)/", browser_ws).group(1))

        def page_target():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{devport}/json", timeout=5) as r:
                    targets = json.load(r)
            except OSError:
                return None
            pages = [t for t in targets if t.get("type") == "page" and t.get("webSocketDebuggerUrl")]
            return pages and pages[0]["webSocketDebuggerUrl"]
        cls.cdp = CDP(wait_for(page_target, 15, "a page target"))
        cls.cdp.call("Page.enable")
        cls.cdp.call("Runtime.enable")
        cls.cdp.call("Network.enable")
        cls.cdp.call("Network.setExtraHTTPHeaders", headers={"Authorization": AUTH})
        cls.cdp.call("Page.navigate", url=f"http://127.0.0.1:{cls.port}/")
        wait_for(lambda: cls.cdp.evaluate("document.readyState === 'complete' && !!document.getElementById('program-rows')"),
                 15, "the dashboard to load")
        # A marker that a reload would wipe out.
        cls.cdp.evaluate("window.__tendTestMarker = 'set-before'; 1")

    def js(self, expression):
        return self.cdp.evaluate(expression)

    def cell(self, program, column):
        return self.js(f"""(() => {{
            const row = document.querySelector('tr[data-program="{program}"]');
            const cell = row && row.querySelector('.{column}');
            return cell ? cell.textContent.trim() : null; }})()""")

    def click(self, selector):
        clicked = self.js(f"""(() => {{ const b = document.querySelector({json.dumps(selector)});
            if (!b || b.disabled) return false; b.click(); return true; }})()""")
        self.assertTrue(clicked, f"no enabled element {selector}")

    def wait_state(self, program, state, timeout):
        return wait_for(lambda: self.cell(program, "state") == state, timeout, f"{program} to show {state}")

    def screenshot(self, name):
        data = base64.b64decode(self.cdp.call("Page.captureScreenshot", format="png")["data"])
        path = os.path.join(self.artifacts, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_not_reloaded(self):
        self.assertEqual(self.js("window.__tendTestMarker"), "set-before", "the page was reloaded")
        self.assertEqual(self.js("performance.getEntriesByType('navigation').length"), 1)

    # ---- the tests ----

    def test_1_every_program_is_listed(self):
        programs = ["web:web", "worker:worker", "pool:a", "pool:b", "nightly:nightly"]

        def listed():
            rows = self.js("Array.from(document.querySelectorAll('tr[data-program]')).map(r => r.dataset.program)")
            return all(p in rows for p in programs) and rows
        wait_for(listed, 10, "every program's row")
        self.wait_state("web:web", "RUNNING", 10)
        self.wait_state("worker:worker", "RUNNING", 10)
        self.assertEqual(self.cell("pool:a", "name"), "pool:a")
        self.assertEqual(self.cell("web:web", "name"), "web")
        self.assertRegex(self.cell("web:web", "pid"), r"^\d+$")
        self.assertEqual(self.cell("web:web", "restarts"), "0")
        self.assertTrue(self.js("!!document.querySelector('tr.group-row[data-group=\"pool\"] button[data-action=\"stop-group\"]')"))
        self.assertTrue(self.js("!!document.querySelector('button[data-action=\"stop-all\"]')"))
        wait_for(lambda: self.js("document.body.dataset.connected") == "true", 5, "the event stream to connect")
        self.assertIn("every 1h", self.cell("nightly:nightly", "info"))
        self.assertFalse(self.js("document.getElementById('exposed').classList.contains('on')"),
                         "the exposed banner shows for a loopback daemon with a password")
        wait_for(lambda: self.js("!document.getElementById('jobs').hidden"), 5, "the job panel (a task is configured)")
        path = self.screenshot("dashboard-loaded.png")
        target = os.environ.get("DASHBOARD_SCREENSHOT_TO")
        if target:
            os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
            shutil.copy(path, target)

    def test_2_stop_button(self):
        self.wait_state("worker:worker", "RUNNING", 10)
        clicked = time.monotonic()
        self.click('tr[data-program="worker:worker"] button[data-action="stop"]')
        self.wait_state("worker:worker", "STOPPED", 1.0)
        self.assertLessEqual(time.monotonic() - clicked, 1.0)
        self.assertIn("STOPPED", self.status_of("worker"))
        self.assertEqual(self.cell("worker:worker", "pid"), "")
        self.assert_not_reloaded()

    def test_3_start_and_new_pid_after_a_kill(self):
        if self.cell("worker:worker", "state") != "RUNNING":
            self.wait_state("worker:worker", "STOPPED", 5)
            self.click('tr[data-program="worker:worker"] button[data-action="start"]')
            self.wait_state("worker:worker", "RUNNING", 5)
        self.assertIn("RUNNING", self.status_of("worker"))
        self.wait_state("web:web", "RUNNING", 10)
        old = int(self.cell("web:web", "pid"))
        self.assertIn(f"pid {old},", self.status_of("web"))
        os.kill(old, signal.SIGKILL)
        new = wait_for(lambda: (self.cell("web:web", "pid") or "0") not in ("0", "", str(old)) and self.cell("web:web", "pid"),
                       10, "web's row to show a new pid")
        self.wait_state("web:web", "RUNNING", 10)
        wait_for(lambda: f"pid {new}," in self.status_of("web"), 5, "`status web` to show the same pid")
        self.assert_not_reloaded()

    def test_4_log_view_follows(self):
        self.click('tr[data-program="web:web"] button[data-action="log"]')
        wait_for(lambda: self.js("!document.getElementById('logpanel').hidden"), 2, "the log panel")
        ticks = "(document.getElementById('log').textContent.match(/tick-\\d+/g) || [])"
        first = wait_for(lambda: self.js(f"{ticks}.length"), 5, "tick- lines in the log")
        wait_for(lambda: self.js(f"{ticks}.length") >= first + 2, 5, "the log to grow with new tick- lines")
        self.screenshot("dashboard-log.png")

        # Pause: nothing is appended, what arrives is held; resume appends it.
        self.click('button[data-action="log-pause"]')
        paused_at = self.js("document.getElementById('log').textContent.length")
        wait_for(lambda: re.search(r"\((\d+) pending\)", self.js("document.getElementById('lognote').textContent") or "")
                 and int(re.search(r"\((\d+) pending\)", self.js("document.getElementById('lognote').textContent")).group(1)) >= 2,
                 5, "text to arrive while paused")
        self.assertEqual(self.js("document.getElementById('log').textContent.length"), paused_at)
        count_paused = self.js(f"{ticks}.length")
        self.click('button[data-action="log-pause"]')
        wait_for(lambda: self.js(f"{ticks}.length") >= count_paused + 2, 2, "the held lines after resume")

        # stderr: web writes nothing there.
        self.click('button[data-action="log-stream"][data-stream="stderr"]')
        wait_for(lambda: self.js(f"{ticks}.length === 0 && document.querySelector("
                                 "'button[data-stream=\"stderr\"]').classList.contains('on')"), 3, "the stderr log")
        self.click('button[data-action="log-stream"][data-stream="stdout"]')
        wait_for(lambda: self.js(f"{ticks}.length") > 0, 5, "the stdout log again")

        # Close: the panel hides and its fetch is aborted.
        self.cdp.drain()
        follows = {e["params"]["requestId"] for e in self.cdp.events
                   if e["method"] == "Network.requestWillBeSent" and "/log/follow" in e["params"]["request"]["url"]}
        self.assertTrue(follows, "no log follow request seen")
        self.click('button[data-action="log-close"]')
        self.assertTrue(self.js("document.getElementById('logpanel').hidden"))

        def all_ended():
            ended = {e["params"]["requestId"] for e in self.cdp.drain()
                     if e["method"] in ("Network.loadingFailed", "Network.loadingFinished")}
            return follows <= ended
        wait_for(all_ended, 3, "every log follow request to end after close")
        self.assert_not_reloaded()

    def test_5_no_credentials(self):
        with self.assertRaises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=5)
        self.assertEqual(raised.exception.code, 401)

    def test_6_cross_origin_post_is_refused(self):
        before = self.status_of("worker").split()[1]
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/v1/programs/stop", method="POST",
            data=json.dumps({"names": ["worker"], "wait": False}).encode(),
            headers={"Authorization": AUTH, "Content-Type": "application/json", "Origin": "http://evil.example"})
        with self.assertRaises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=5)
        self.assertEqual(raised.exception.code, 403)
        self.assertEqual(self.status_of("worker").split()[1], before)
        self.assertEqual(self.cell("worker:worker", "state"), before)

    def test_7_job_panel(self):
        out = self.run_tend("job", "submit", "echo", "--data", '{"x":1}', "--wait", timeout=60)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.click('button[data-action="refresh-jobs"]')
        wait_for(lambda: self.js("!!document.querySelector('#job-counts tr[data-task=\"echo\"]')"), 5,
                 "the echo task in the counts")
        completed = """(() => Array.from(document.querySelectorAll('#job-list tr[data-job]')).some(r =>
            r.querySelector('.task').textContent === 'echo' && r.querySelector('.state').textContent === 'completed'))()"""
        wait_for(lambda: self.js(completed), 5, "a completed echo job in the job list")
        self.screenshot("dashboard-jobs.png")
        self.assert_not_reloaded()

    def test_8_reconnects_after_a_daemon_restart(self):
        self.wait_state("web:web", "RUNNING", 10)
        old = self.cell("web:web", "pid")
        wait_for(lambda: self.js("document.body.dataset.connected") == "true", 5, "the event stream")
        out = self.run_tend("shutdown")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.daemon.wait(timeout=30)
        wait_for(lambda: self.js("document.body.dataset.connected") == "false", 5, "the page to see the stream end")
        self.assertIn("reconnecting", self.js("document.getElementById('conn').textContent"))
        self.daemon_log.close()
        type(self).start_daemon()
        wait_for(lambda: self.js("document.body.dataset.connected") == "true", 20, "the page to reconnect")
        new = wait_for(lambda: self.cell("web:web", "pid") not in ("", old) and self.cell("web:web", "pid"), 10,
                       "web's row to show the new daemon's child")
        self.wait_state("web:web", "RUNNING", 10)
        self.assertIn(f"pid {new},", self.status_of("web"))
        self.assert_not_reloaded()


if __name__ == "__main__":
    unittest.main()
