"""One function per scenario: it runs one daemon kind once and returns {metric: value}. The floors
(what the kernel alone costs) are separate functions. See bench/README.md for what each measures.
"""
import os
import random
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import xmlrpc.client

from daemons import Daemon, UnixConnection


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def cold_start(kind, tools, n):
    """Launch to all N sleepers RUNNING: from the daemon's log (last 'entered RUNNING' line), and as
    seen by a client polling getAllProcessInfo."""
    daemon = Daemon(kind, tools, n)
    try:
        launched = daemon.launch()
        polled = daemon.wait_all_running(n) - launched
        running = daemon.log_events(r"entered RUNNING state")
        if len(running) < n:
            raise RuntimeError(f"{kind}: {len(running)} RUNNING lines for {n} programs")
        from_log = max(stamp for stamp, _ in running) - launched
        return {"from_log_s": from_log, "polled_s": polled}
    finally:
        daemon.stop()


def children_named(daemon):
    """{program name: pid} of the daemon's children, from /proc only (their SUPERVISOR_PROCESS_NAME), so that
    looking does not wake the daemon."""
    named = {}
    for task in os.listdir(f"/proc/{daemon.pid}/task"):
        try:
            pids = open(f"/proc/{daemon.pid}/task/{task}/children").read().split()
        except FileNotFoundError:
            continue
        for pid in pids:
            try:
                environ = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
            except (FileNotFoundError, ProcessLookupError):
                continue
            for entry in environ:
                if entry.startswith(b"SUPERVISOR_PROCESS_NAME="):
                    named[entry.split(b"=", 1)[1].decode()] = int(pid)
    return named


def wait_for_children(daemon, count, timeout=300):
    """children_named once all `count` children have exec'd (a child between fork and exec still shows its
    parent's environment)."""
    deadline = time.monotonic() + timeout
    while True:
        named = children_named(daemon)
        if len(named) >= count or time.monotonic() > deadline:
            return named
        time.sleep(0.01)


def restart_latency(kind, tools, kills, programs=10, seed=7):
    """SIGKILL one child at a random moment, then the time until its replacement runs, as a user's daemon that
    nobody is talking to does it: watched from /proc (the new child appears) and the log (its 'entered RUNNING'
    line; ms resolution) only — no request reaches the daemon between the kill and the replacement (a request
    would wake supervisord's 1-second poll loop early and hide its wait). Then, separately, as observed by a
    client polling getProcessInfo until a new pid is RUNNING (such a client does wake it)."""
    rng = random.Random(seed)
    daemon = Daemon(kind, tools, programs)
    try:
        daemon.launch()
        daemon.wait_all_running(programs)
        respawned, logged = [], []
        pids = wait_for_children(daemon, programs)
        for i in range(kills):
            name = f"sleep{i % programs:04d}"
            old = pids[name]
            before = len(daemon.log_events(rf"success: {name} entered RUNNING"))
            # A crash comes at any moment of the daemon's own rhythm.
            time.sleep(rng.uniform(0.0, 1.0))
            killed_at = time.time()
            os.kill(old, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                new = children_named(daemon).get(name)
                if new not in (None, old):
                    respawned.append(time.time() - killed_at)
                    pids[name] = new
                    daemon.children.add(new)
                    break
                time.sleep(0.0005)
            else:
                raise RuntimeError(f"{kind}: {name} was not restarted within 10 s")
            while True:
                events = daemon.log_events(rf"success: {name} entered RUNNING")
                if len(events) > before or time.monotonic() > deadline:
                    break
                time.sleep(0.01)
            # The log has millisecond stamps: count the kill from the start of its millisecond too.
            logged.append(max(0.0, events[-1][0] - int(killed_at * 1000) / 1000))
        proxy = daemon.rpc()
        observed = []
        for i in range(kills):
            name = f"sleep{i % programs:04d}"
            old = proxy.supervisor.getProcessInfo(name)["pid"]
            time.sleep(rng.uniform(0.0, 1.0))
            killed_at = time.time()
            os.kill(old, signal.SIGKILL)
            while True:
                info = proxy.supervisor.getProcessInfo(name)
                if info["statename"] == "RUNNING" and info["pid"] not in (0, old):
                    observed.append(time.time() - killed_at)
                    daemon.children.add(info["pid"])
                    break
                time.sleep(0.0005)
        return {"logged_median_s": statistics.median(logged), "logged_p99_s": percentile(logged, 0.99),
                "logged_mean_s": statistics.mean(logged),
                "respawn_median_s": statistics.median(respawned), "respawn_p99_s": percentile(respawned, 0.99),
                "observed_median_s": statistics.median(observed), "observed_p99_s": percentile(observed, 0.99)}
    finally:
        daemon.stop()


def measure_idle(daemon, seconds):
    """CPU time and wake-ups (voluntary context switches of all threads) of a running daemon over `seconds`,
    after 5 s for start-up to settle (idle worker threads of either runtime end by then)."""
    time.sleep(5)
    cpu, before = daemon.cpu_seconds(), daemon.wakeups()
    time.sleep(seconds)
    cpu, after = daemon.cpu_seconds() - cpu, daemon.wakeups()
    # Threads alive at the end: their switches since the start (all of them for new threads);
    # threads that ended in between: at least the wake-up that ended them.
    wakes = sum(count - before.get(tid, 0) for tid, count in after.items())
    wakes += sum(1 for tid in before if tid not in after)
    return {"cpu_ms": cpu * 1000, "wakeups": wakes, "wakeups_per_s": wakes / seconds, "threads": len(after)}


def idle_cost(kind, tools, programs, seconds):
    """CPU time and wake-ups (voluntary context switches of all threads) over `seconds` of idling
    with `programs` RUNNING sleepers."""
    daemon = Daemon(kind, tools, programs)
    try:
        daemon.launch()
        daemon.wait_all_running(programs)
        return measure_idle(daemon, seconds)
    finally:
        daemon.stop()


def memory(kind, tools, programs):
    """Resident memory of the daemon with `programs` RUNNING sleepers, as `ps` shows it: first before anyone has
    talked to it (all children seen in /proc, then 1 s), then in service — after the requests a user makes (an
    XML-RPC getAllProcessInfo, three `status` from the CLI), the highest of 10 readings over 2 s. The in-service
    figure is the row: code that serving touches stays resident."""
    daemon = Daemon(kind, tools, programs)
    try:
        daemon.launch()
        wait_for_children(daemon, programs)
        time.sleep(1)
        fresh = daemon.rss_kib() / 1024
        daemon.wait_all_running(programs)
        for _ in range(3):
            daemon.ctl("status")
        readings = []
        for _ in range(10):
            readings.append(daemon.rss_kib() / 1024)
            time.sleep(0.2)
        return {"rss_mib": max(readings), "rss_before_requests_mib": fresh}
    finally:
        daemon.stop()


def log_throughput(kind, tools, megabytes, idle_programs):
    """A program writes `megabytes` MB of 100-byte lines to stdout; the time from its start until all
    of it is in its log file (no rotation), beside `idle_programs` idle sleepers."""
    size = megabytes * 1_000_000
    extra = "\n".join([
        "[program:producer]", f"command = {tools['produce']} {size}", "autostart = false", "startsecs = 0",
        "autorestart = false", "stdout_logfile = %(here)s/producer.log", "stdout_logfile_maxbytes = 0",
        "stderr_logfile = NONE", ""])
    daemon = Daemon(kind, tools, idle_programs, extra)
    try:
        daemon.launch()
        daemon.wait_all_running(idle_programs)
        path = os.path.join(daemon.dir, "producer.log")
        os.sync()  # start from a clean page cache: earlier runs' dirty pages would throttle this one
        started = time.monotonic()
        daemon.rpc().supervisor.startProcess("producer", False)
        while not os.path.exists(path) or os.path.getsize(path) < size:
            time.sleep(0.002)
        elapsed = time.monotonic() - started
        return {"seconds": elapsed, "mb_per_s": megabytes / elapsed}
    finally:
        daemon.stop()


def scheduled_idle(tools, programs, seconds):
    """Tend only (supervisord has no scheduler): CPU time and wake-ups over `seconds` with `programs` scheduled
    programs `every 1h` (none of them due), as `idle_cost` counts them."""
    extra = "".join(f"[program:hourly{i:04d}]\ncommand = /bin/true\nschedule = every 1h\n"
                    "stdout_logfile = NONE\nstderr_logfile = NONE\n\n" for i in range(programs))
    daemon = Daemon("tend", tools, 0, extra)
    try:
        daemon.launch()
        daemon.wait_serving()
        return measure_idle(daemon, seconds)
    finally:
        daemon.stop()


def probes_idle(tools, programs, seconds, interval=10):
    """Tend only (supervisord has no health probes): CPU time and wake-ups over `seconds` with `programs` sleepers
    that each have a `tcp` readiness probe every `interval` s against a listener of this script, and the same
    without the probes; the difference divided by the probe runs is the cost of one probe."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=4096)
    port = listener.getsockname()[1]

    def accept_all():
        try:
            while True:
                listener.accept()[0].close()
        except OSError:
            return  # closed at the end

    threading.Thread(target=accept_all, daemon=True).start()

    def program(i, probed):
        # The probes' first runs are spread over one interval, as programs started at different times would be.
        probe = (f"readiness_probe = tcp 127.0.0.1:{port}\nreadiness_interval = {interval}\n"
                 f"readiness_initial_delay = {interval * i / programs:.3f}\n") if probed else ""
        return (f"[program:probed{i:04d}]\ncommand = /bin/sleep 100000\nstartsecs = 0\n"
                f"stdout_logfile = NONE\nstderr_logfile = NONE\n{probe}\n")

    results = {}
    try:
        for probed in (False, True):
            extra = "".join(program(i, probed) for i in range(programs))
            daemon = Daemon("tend", tools, 0, extra)
            try:
                daemon.launch()
                daemon.wait_all_running(programs)
                results["with" if probed else "without"] = measure_idle(daemon, seconds)
            finally:
                daemon.stop()
    finally:
        listener.close()
    runs = programs * seconds / interval
    extra_ms = results["with"]["cpu_ms"] - results["without"]["cpu_ms"]
    return {"with": results["with"], "without": results["without"], "probe_runs": runs,
            "cpu_us_per_probe": max(0.0, extra_ms) * 1000 / runs,
            "cpu_ms_per_s_with": results["with"]["cpu_ms"] / seconds,
            "cpu_ms_per_s_without": results["without"]["cpu_ms"] / seconds}


def tick_delay(tools, ticks, interval=0.25):
    """Tend only: how late each spawn of an `every 250ms` program comes, relative to the first one (tick k is due
    k intervals after tick 0), from the log's millisecond stamps of 'spawned:'."""
    extra = (f"[program:ticker]\ncommand = /bin/true\nschedule = every {int(interval * 1000)}ms\n"
             "stdout_logfile = NONE\nstderr_logfile = NONE\n")
    daemon = Daemon("tend", tools, 0, extra)
    try:
        daemon.launch()
        daemon.wait_serving()
        deadline = time.monotonic() + ticks * interval + 30
        while len(daemon.log_events(r"spawned: 'ticker'")) < ticks + 1 and time.monotonic() < deadline:
            time.sleep(interval)
        stamps = [stamp for stamp, _ in daemon.log_events(r"spawned: 'ticker'")][:ticks + 1]
        if len(stamps) < ticks + 1:
            raise RuntimeError(f"tend: {len(stamps)} spawns of an every {interval} s program, wanted {ticks + 1}")
        delays = [max(0.0, stamp - stamps[0] - k * interval) for k, stamp in enumerate(stamps)][1:]
        return {"median_s": statistics.median(delays), "p99_s": percentile(delays, 0.99)}
    finally:
        daemon.stop()


def control_latency(kind, tools, programs, calls):
    """Per call: `status` of every program from the CLI (tend / supervisorctl, a process each time),
    and getAllProcessInfo over XML-RPC from one Python client (connection set up per call)."""
    daemon = Daemon(kind, tools, programs)
    try:
        daemon.launch()
        daemon.wait_all_running(programs)
        cli, rpc = [], []
        for _ in range(calls):
            started = time.perf_counter()
            daemon.ctl("status")
            cli.append(time.perf_counter() - started)
        proxy = daemon.rpc()
        for _ in range(calls):
            started = time.perf_counter()
            proxy.supervisor.getAllProcessInfo()
            rpc.append(time.perf_counter() - started)
        result = {"cli_status_s": statistics.median(cli), "rpc_all_info_s": statistics.median(rpc)}
        if kind == "tend":  # supervisord has no /metrics (it needs an exporter)
            scrapes = []
            for _ in range(calls):
                started = time.perf_counter()
                connection = UnixConnection(os.path.join(daemon.dir, "daemon.sock"))
                connection.request("GET", "/metrics")
                body = connection.getresponse().read()
                connection.close()
                scrapes.append(time.perf_counter() - started)
            if b"tend_process_up" not in body:
                raise RuntimeError("tend: /metrics has no tend_process_up")
            result["metrics_scrape_s"] = statistics.median(scrapes)
        return result
    finally:
        daemon.stop()


# -- floors ------------------------------------------------------------------------------------

def spawn_floor(tools, n):
    """posix_spawn of N `sleep` processes in a loop, the kernel's part of a cold start."""
    out = subprocess.run([tools["spawn_floor"], str(n), "/bin/sleep", "100000"], capture_output=True, text=True,
                         check=True).stdout
    return {"seconds": float(out), "per_spawn_us": float(out) / n * 1e6}


def log_floor(tools, megabytes):
    """The same producer piped straight into `cat > file`."""
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as directory:
        path = os.path.join(directory, "out.log")
        os.sync()
        started = time.monotonic()
        subprocess.run(f"{tools['produce']} {megabytes * 1_000_000} | cat > {path}", shell=True, check=True)
        elapsed = time.monotonic() - started
    return {"seconds": elapsed, "mb_per_s": megabytes / elapsed}
