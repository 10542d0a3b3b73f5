"""Tend's /metrics read by a real Prometheus parser (prometheus_client's text parser, from PyPI): the text is
valid exposition format, every family has the type it should, and the counters move as programs restart and
jobs finish.

Run by scripts/test with TEND_BIN (and prometheus_client installed in its virtualenv).
"""
import json
import os
import signal
import unittest

from prometheus_client.parser import text_string_to_metric_families

from compat_harness import Daemon, eventually, require_tools

require_tools("tend")

PROGRAMS = """
[program:web]
command = /bin/sleep 600
startsecs = 0

[program:idle]
command = /bin/sleep 600
autostart = false

[task:echo]
command = /bin/cat
"""


class MetricsTests(unittest.TestCase):
    def setUp(self):
        self.daemon = Daemon("tend", PROGRAMS)
        self.addCleanup(self.daemon.close)

    def scrape(self):
        status, headers, body = self.daemon.http("GET", "/metrics")
        self.assertEqual(status, 200, body)
        self.assertTrue(headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"), headers)
        families = {family.name: family for family in text_string_to_metric_families(body.decode())}
        return families

    @staticmethod
    def value(families, family, sample=None, **labels):
        for s in families[family].samples:
            if (sample is None or s.name == sample) and all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
        return None

    def test_process_figures_parse_with_their_types_and_follow_the_processes(self):
        self.assertTrue(eventually(lambda: self.value(self.scrape(), "tend_process_up", name="web") == 1))
        families = self.scrape()
        types = {name: family.type for name, family in families.items()}
        for name, kind in [("tend_process_up", "gauge"), ("tend_process_state", "gauge"),
                           ("tend_process_start_time_seconds", "gauge"), ("tend_process_restarts", "counter"),
                           ("tend_process_cpu_seconds", "counter"), ("tend_process_resident_memory_bytes", "gauge"),
                           ("tend_daemon_uptime_seconds", "gauge"), ("tend_spawn_duration_seconds", "histogram"),
                           ("tend_jobs_queued", "gauge")]:
            self.assertEqual(types.get(name), kind, f"{name} in {sorted(types)}")
        self.assertEqual(self.value(families, "tend_process_state", name="web", state="RUNNING"), 1)
        self.assertEqual(self.value(families, "tend_process_state", name="idle", state="STOPPED"), 1)
        self.assertEqual(self.value(families, "tend_process_up", name="idle"), 0)
        self.assertGreater(self.value(families, "tend_process_resident_memory_bytes", name="web"), 0)
        self.assertEqual(self.value(families, "tend_process_restarts", name="web"), 0)

        # Kill web twice from outside: it restarts, and the counters say so.
        for round in (1, 2):
            pid = self.daemon.rpc().supervisor.getProcessInfo("web")["pid"]
            os.kill(pid, signal.SIGKILL)
            self.assertTrue(eventually(
                lambda: self.value(self.scrape(), "tend_process_restarts", name="web") == round
                and self.value(self.scrape(), "tend_process_up", name="web") == 1), f"round {round}")
        families = self.scrape()
        self.assertEqual(self.value(families, "tend_process_exits", name="web", code="SIGKILL"), 2)
        self.assertGreaterEqual(self.value(families, "tend_spawn_duration_seconds", "tend_spawn_duration_seconds_count"), 3)

    def test_job_counters_and_histograms_move_as_jobs_finish(self):
        for n in range(3):
            status, _, body = self.daemon.http("POST", "/api/v1/jobs", json.dumps({"task": "echo", "input": {"n": n}}).encode(),
                                               {"Content-Type": "application/json"})
            self.assertEqual(status, 201, body)
        done = lambda: self.value(self.scrape(), "tend_jobs_finished", task="echo", state="completed") == 3
        self.assertTrue(eventually(done))
        families = self.scrape()
        self.assertEqual(self.value(families, "tend_jobs_submitted", task="echo"), 3)
        self.assertEqual(self.value(families, "tend_job_duration_seconds", "tend_job_duration_seconds_count", task="echo"), 3)
        self.assertEqual(self.value(families, "tend_job_start_latency_seconds", "tend_job_start_latency_seconds_count", task="echo"), 3)
        self.assertEqual(self.value(families, "tend_jobs_queued", task="echo"), 0)


if __name__ == "__main__":
    unittest.main()
