"""Job API scenarios: Tend's `[task:x]` jobs (on SQLite, and on PostgreSQL) side by side with Celery 5.7 +
Redis 7 running the same work, a task that runs `/bin/true`.

For each side: the time of N jobs end to end (submit them all, then wait for every result), the median and
p99 submit-to-result round trip of sequential jobs, then the resident memory and the idle wake-ups of the
whole side (Tend: the daemon; Celery: redis-server + the worker and its pool processes).
"""
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import client_threads
from daemons import Daemon, UnixConnection

TASK = "[task:noop]\ncommand = /bin/true\ndefault = true\nconcurrency = {concurrency}\n"
CELERY_TASKS = '''import subprocess
from celery import Celery
import os
app = Celery("benchjobs", broker=os.environ["BENCH_BROKER"], backend=os.environ["BENCH_BROKER"])

@app.task(name="tasks.noop")
def noop():
    subprocess.run(["/bin/true"], check=True)
    return {"ok": True}
'''


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# -- observing a group of processes from /proc ------------------------------------------------------

def descendants(pid):
    """`pid` and every process below it."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_kib(pids):
    total = 0
    for pid in pids:
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def thread_switches(pids):
    """{(pid, tid): voluntary context switches} of every thread of `pids`."""
    counts = {}
    for pid in pids:
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            continue
        for tid in tasks:
            try:
                for line in open(f"/proc/{pid}/task/{tid}/status"):
                    if line.startswith("voluntary_ctxt_switches:"):
                        counts[(pid, tid)] = int(line.split()[1])
            except FileNotFoundError:
                pass
    return counts


def idle_footprint(roots, seconds):
    """RSS and wake-ups per second of the processes under `roots` while nothing is asked of them."""
    time.sleep(5)  # let the work settle (idle worker threads end)
    pids = [p for root in roots for p in descendants(root)]
    before = thread_switches(pids)
    time.sleep(seconds)
    after = thread_switches(pids)
    wakes = sum(count - before.get(key, 0) for key, count in after.items())
    wakes += sum(1 for key in before if key not in after)
    return {"rss_mib": rss_kib(pids) / 1024, "wakeups_per_s": wakes / seconds, "processes": len(pids)}


# -- Tend ---------------------------------------------------------------------------------------------

class JobClient:
    """`POST /task` and `GET /status/<id>` over the daemon's unix socket, one kept-alive connection."""

    def __init__(self, sock):
        self.sock = sock
        self.connection = UnixConnection(sock)

    def call(self, method, path, body=None):
        for attempt in range(2):
            try:
                headers = {"Content-Type": "application/json"} if body is not None else {}
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = UnixConnection(self.sock)
                if attempt:
                    raise

    def submit(self):
        status, body = self.call("POST", "/task", b"{}")
        if status != 202:
            raise RuntimeError(f"POST /task answered {status}: {body[:200]!r}")
        return json.loads(body)["task_id"]

    def wait(self, task_id, interval=0.0005):
        """Polls `GET /status/<id>` until the job is no longer in progress (202)."""
        while True:
            status, body = self.call("GET", f"/status/{task_id}")
            if status == 200:
                return
            if status != 202:
                raise RuntimeError(f"GET /status/{task_id} answered {status}: {body[:200]!r}")
            time.sleep(interval)


def tend_missing(tools):
    """Why Tend's job API cannot be measured in this build ('' when it can)."""
    daemon = Daemon("tend", tools, 0, TASK.format(concurrency=1))
    try:
        daemon.launch()
        daemon.wait_serving()
        connection = UnixConnection(daemon.sock)
        connection.request("POST", "/task", body=b"{}", headers={"Content-Type": "application/json"})
        status = connection.getresponse().status
        if status in (200, 201, 202):
            return ""
        return f"POST /task answers {status}: the job API is not in this build"
    except RuntimeError as error:
        return f"a config with [task:x] does not start: {error}"
    finally:
        daemon.stop()


def tend_jobs(tools, store_url, jobs, trips, idle_seconds, concurrency=2):
    """One run of the Tend side on the store `store_url` (None: the default SQLite store)."""
    extra = f"[tend]\njob_store = {store_url}\n\n" if store_url else ""
    daemon = Daemon("tend", tools, 0, extra + TASK.format(concurrency=concurrency))
    try:
        daemon.launch()
        daemon.wait_serving()
        client = JobClient(daemon.sock)
        client.wait(client.submit())  # warm-up
        started = time.perf_counter()
        ids = [client.submit() for _ in range(jobs)]
        submitted = time.perf_counter() - started
        for task_id in ids:
            client.wait(task_id)
        elapsed = time.perf_counter() - started
        round_trips = []
        for _ in range(trips):
            t = time.perf_counter()
            client.wait(client.submit())
            round_trips.append(time.perf_counter() - t)
        concurrent_s, concurrent_ids = submit_concurrently(lambda: JobClient(daemon.sock), jobs, SUBMIT_CLIENTS)
        for task_id in concurrent_ids:
            client.wait(task_id)
        client.connection.close()
        footprint = idle_footprint([daemon.pid], idle_seconds)
        return {"jobs": jobs, "seconds": elapsed, "jobs_per_s": jobs / elapsed,
                "submit_s_per_job": submitted / jobs, "submit_concurrent_s_per_job": concurrent_s / jobs,
                "round_trip_median_s": statistics.median(round_trips),
                "round_trip_p99_s": percentile(round_trips, 0.99), **footprint}
    finally:
        daemon.stop()


SUBMIT_CLIENTS = 8


def submit_concurrently(make_client, jobs, clients):
    """`jobs` submissions from `clients` threads, each with its own kept-alive connection: the time from the
    first to the last answer, and the ids."""
    connections = [make_client() for _ in range(clients)]
    elapsed, ids = client_threads.run_concurrently(
        lambda index, count: [connections[index].submit() for _ in range(count)], client_threads.split(jobs, clients))
    for connection in connections:
        connection.connection.close()
    return elapsed, [task_id for batch in ids for task_id in batch]

# -- Celery + Redis -----------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def celery_missing(tools):
    """Why the Celery side cannot run here ('' when it can)."""
    if not shutil.which("redis-server"):
        return "redis-server is not installed (apt-get install redis-server)"
    if subprocess.run([tools["venv_python"], "-c", "import celery, redis"], capture_output=True).returncode:
        return "celery[redis] is not in the bench venv (pip install 'celery[redis]==5.7.0')"
    return ""


def kill_group(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def celery_jobs(tools, jobs, trips, idle_seconds, concurrency=2):
    """One run of the Celery side: redis-server on loopback, a prefork worker of `concurrency` processes."""
    directory = tempfile.mkdtemp(prefix="bench-celery-")
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    env = dict(os.environ, BENCH_BROKER=url, PYTHONPATH=directory)
    with open(os.path.join(directory, "tasks.py"), "w") as f:
        f.write(CELERY_TASKS)
    started = []
    try:
        redis = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", directory,
                                  "--daemonize", "no", "--logfile", os.path.join(directory, "redis.log")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        started.append(redis)
        celery = os.path.join(os.path.dirname(tools["venv_python"]), "celery")
        worker = subprocess.Popen([celery, "-A", "tasks", "worker", "--pool", "prefork", "--concurrency",
                                   str(concurrency), "--loglevel", "WARNING",
                                   "--logfile", os.path.join(directory, "worker.log")],
                                  cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        started.append(worker)
        client = os.path.join(os.path.dirname(os.path.abspath(__file__)), "celery_side.py")
        subprocess.run([tools["venv_python"], client, "ping", url], env=env, check=True, timeout=120,
                       stdout=subprocess.DEVNULL)
        out = subprocess.run([tools["venv_python"], client, "work", url, str(jobs), str(trips)], env=env,
                             check=True, capture_output=True, text=True, timeout=3600).stdout
        result = json.loads(out)
        return {**result, **idle_footprint([redis.pid, worker.pid], idle_seconds)}
    finally:
        for process in reversed(started):
            kill_group(process)
        shutil.rmtree(directory, ignore_errors=True)


# -- PostgreSQL for Tend's shared store ---------------------------------------------------------------

class Postgres:
    """A throwaway PostgreSQL server on loopback from scripts/postgres-server (when the tree has it)."""

    def __init__(self, root):
        self.script = os.path.join(root, "scripts", "postgres-server")
        self.dir = None
        self.url = None

    def start(self):
        if not os.access(self.script, os.X_OK):
            return "scripts/postgres-server is not in this tree"
        self.dir = tempfile.mkdtemp(prefix="bench-pg-")
        run = subprocess.run([self.script, "start", self.dir, "tendbench"], capture_output=True, text=True)
        if run.returncode:
            return f"PostgreSQL did not start: {run.stderr.strip()[-200:]}"
        self.url = run.stdout.strip().splitlines()[-1]
        return ""

    def stop(self):
        if self.dir:
            subprocess.run([self.script, "stop", self.dir], capture_output=True)
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
