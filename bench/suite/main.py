"""Runs the scenarios against Tend and supervisord, alternating the two over several rounds, and
prints one table (Tend, supervisord, ratio, floor) plus a JSON file. Called by bench/run.
"""
import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import time
import urllib.error

import jobs
import scenarios
from report import Row, render_table

FULL = {
    "cold_start": [100, 1000], "restart_kills": 50, "idle_programs": 500, "idle_seconds": 20,
    "memory": [50, 500], "log_mb": 1000, "log_idle": 500, "control_programs": 500, "control_calls": 10,
    "floor_spawns": 1000, "jobs": 2000, "job_trips": 200, "job_idle_s": 20,
    "scheduled_programs": 100, "scheduled_idle_s": 20, "ticks": 40,
    "probed_programs": 500, "probes_idle_s": 30,
}
SMOKE = {
    "cold_start": [10], "restart_kills": 3, "idle_programs": 10, "idle_seconds": 1,
    "memory": [10], "log_mb": 5, "log_idle": 10, "control_programs": 10, "control_calls": 2,
    "floor_spawns": 10, "jobs": 20, "job_trips": 5, "job_idle_s": 1,
    "scheduled_programs": 100, "scheduled_idle_s": 1, "ticks": 4,
    "probed_programs": 20, "probes_idle_s": 2,
}
KINDS = ("tend", "supervisord")


def alternate(rounds, run):
    """{kind: [result per round]}, running A B, then B A, … so drift hits both alike."""
    results = {kind: [] for kind in KINDS}
    for r in range(rounds):
        for kind in (KINDS if r % 2 == 0 else tuple(reversed(KINDS))):
            results[kind].append(run(kind))
    return results


def median_floor(rounds, run):
    """The floor measured once per round; the run with the median time."""
    runs = sorted((run() for _ in range(rounds)), key=lambda result: result["seconds"])
    return runs[len(runs) // 2]


def median_of(results, key):
    return {kind: statistics.median(run[key] for run in runs) for kind, runs in results.items()}


def job_api_rows(tools, root, p, rounds):
    """Tend's job API (SQLite, PostgreSQL) against Celery 5.7 + Redis 7; every side that cannot run here is
    a SKIPPED row with the reason, never left out silently."""
    rows, raw = [], {}
    tend_reason = jobs.tend_missing(tools)
    celery_reason = jobs.celery_missing(tools)
    if tend_reason:
        rows.append(Row("job API, Tend side", skipped=f"job API not available ({tend_reason})"))
    if celery_reason:
        rows.append(Row("job API, Celery 5.7 + Redis 7 side", skipped=celery_reason))
    postgres = jobs.Postgres(root)
    sides = []
    if not tend_reason:
        sides.append(("tend_sqlite", lambda: jobs.tend_jobs(tools, None, p["jobs"], p["job_trips"], p["job_idle_s"])))
        pg_reason = postgres.start()
        if pg_reason:
            rows.append(Row("job API, Tend on PostgreSQL", skipped=pg_reason))
        else:
            sides.append(("tend_postgres",
                          lambda: jobs.tend_jobs(tools, postgres.url, p["jobs"], p["job_trips"], p["job_idle_s"])))
    if not celery_reason:
        sides.append(("celery", lambda: jobs.celery_jobs(tools, p["jobs"], p["job_trips"], p["job_idle_s"])))
    try:
        results = {name: [] for name, _ in sides}
        for r in range(rounds):
            for name, run in (sides if r % 2 == 0 else list(reversed(sides))):
                print(f"  jobs: {name}, round {r + 1}", flush=True)
                results[name].append(run())
    finally:
        postgres.stop()
    raw["runs"] = results
    if not results:
        return rows, raw
    med = lambda name, key: statistics.median(run[key] for run in results[name]) if results.get(name) else None
    celery = "celery" if "celery" in results else None
    stores = [s for s in ("tend_sqlite", "tend_postgres") if s in results] or [None]
    for store in stores:
        label = {"tend_sqlite": "Tend on SQLite", "tend_postgres": "Tend on PostgreSQL", None: "Tend skipped"}[store]
        rows.append(Row(f"{p['jobs']} `/bin/true` jobs end to end ({label})",
                        med(store, "seconds"), med(celery, "seconds"), "s"))
        rows.append(Row(f"submit alone, one client, per job ({label})",
                        med(store, "submit_s_per_job"), med(celery, "submit_s_per_job"), "s"))
        rows.append(Row(f"submit alone, {jobs.SUBMIT_CLIENTS} concurrent clients, per job ({label})",
                        med(store, "submit_concurrent_s_per_job"), med(celery, "submit_concurrent_s_per_job"), "s"))
        rows.append(Row(f"job round trip, median of {p['job_trips']} ({label})",
                        med(store, "round_trip_median_s"), med(celery, "round_trip_median_s"), "s"))
        rows.append(Row(f"job round trip, p99 ({label})",
                        med(store, "round_trip_p99_s"), med(celery, "round_trip_p99_s"), "s"))
        rows.append(Row(f"job side RSS after the jobs ({label}; Celery: redis + worker + pool)",
                        med(store, "rss_mib"), med(celery, "rss_mib"), "MiB"))
        rows.append(Row(f"job side idle wake-ups per second ({label})",
                        med(store, "wakeups_per_s"), med(celery, "wakeups_per_s"), "/s", floor=0))
    return rows, raw


def stableconfigs_rows(root):
    runner = os.path.join(root, "bench", "stableconfigs", "run")
    if not os.access(runner, os.X_OK):
        return [Row("StableConfigs solver per input", skipped="bench/stableconfigs/run is not in this tree yet")]
    subprocess.run([runner], check=True)
    with open(os.path.join(root, "bench", "results", "stableconfigs.json")) as f:
        timings = json.load(f)
    return [Row(f"StableConfigs {item['input']} (s)", tend=item["seconds"], floor=None, unit="s",
                supervisord=None) for item in timings.get("inputs", [])]


def interrupted(signum, frame):
    """SIGTERM ends the suite like Ctrl-C: every scenario's `finally` stops what it started."""
    raise KeyboardInterrupt(f"signal {signum}")


def main():
    signal.signal(signal.SIGTERM, interrupted)
    parser = argparse.ArgumentParser()
    parser.add_argument("--tend", required=True)
    parser.add_argument("--supervisord", required=True)
    parser.add_argument("--supervisorctl", required=True)
    parser.add_argument("--spawn-floor", required=True)
    parser.add_argument("--produce", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    tools = {"tend": args.tend, "supervisord": args.supervisord, "supervisorctl": args.supervisorctl,
             "spawn_floor": args.spawn_floor, "produce": args.produce,
             "venv_python": os.path.join(os.path.dirname(args.supervisord), "python")}
    p = SMOKE if args.smoke else FULL
    rounds = 1 if args.smoke else args.rounds
    wanted = lambda name: not args.only or name in args.only
    rows, raw = [], {}

    def record(name, results):
        raw[name] = results
        print(f"  {name}: " + ", ".join(f"{k}={v}" for k, v in results.items()), flush=True)

    if wanted("cold_start"):
        for n in p["cold_start"]:
            print(f"cold start, {n} programs", flush=True)
            results = alternate(rounds, lambda kind: scenarios.cold_start(kind, tools, n))
            floor = median_floor(rounds, lambda: scenarios.spawn_floor(tools, n))
            record(f"cold_start_{n}", {"runs": results, "floor": floor})
            for key, label in (("from_log_s", "from the log"), ("polled_s", "polled over XML-RPC")):
                m = median_of(results, key)
                rows.append(Row(f"cold start {n} programs, {label}", m["tend"], m["supervisord"], "s",
                                floor=floor["seconds"]))
    if wanted("restart"):
        print("restart latency", flush=True)
        results = alternate(rounds, lambda kind: scenarios.restart_latency(kind, tools, p["restart_kills"]))
        record("restart", {"runs": results})
        for key, label in (("logged_median_s", "median, unwatched: RUNNING in the log (ms stamps)"),
                           ("logged_p99_s", "p99, unwatched"),
                           ("respawn_median_s", "median, unwatched: new pid in /proc"),
                           ("observed_median_s", "median, watched by a client polling getProcessInfo"),
                           ("observed_p99_s", "p99, watched")):
            m = median_of(results, key)
            rows.append(Row(f"restart after SIGKILL, {label}", m["tend"], m["supervisord"], "s"))
    if wanted("idle"):
        n, seconds = p["idle_programs"], p["idle_seconds"]
        print(f"idle cost, {n} programs, {seconds} s", flush=True)
        results = alternate(rounds, lambda kind: scenarios.idle_cost(kind, tools, n, seconds))
        record("idle", {"runs": results})
        m = median_of(results, "cpu_ms")
        rows.append(Row(f"idle {seconds} s with {n} programs: CPU", m["tend"], m["supervisord"], "ms"))
        m = median_of(results, "wakeups_per_s")
        rows.append(Row(f"idle with {n} programs: wake-ups per second", m["tend"], m["supervisord"], "/s", floor=0))
    if wanted("memory"):
        for n in p["memory"]:
            print(f"memory, {n} programs", flush=True)
            results = alternate(rounds, lambda kind: scenarios.memory(kind, tools, n))
            record(f"memory_{n}", {"runs": results})
            m = median_of(results, "rss_mib")
            rows.append(Row(f"RSS with {n} programs, in service (after status calls)", m["tend"], m["supervisord"],
                            "MiB"))
            m = median_of(results, "rss_before_requests_mib")
            rows.append(Row(f"RSS with {n} programs, before any request", m["tend"], m["supervisord"], "MiB"))
    if wanted("log"):
        mb = p["log_mb"]
        floor = median_floor(rounds, lambda: scenarios.log_floor(tools, mb))
        for idle in (0, p["log_idle"]):
            print(f"log throughput, {mb} MB, {idle} idle programs", flush=True)
            results = alternate(rounds, lambda kind: scenarios.log_throughput(kind, tools, mb, idle))
            record(f"log_{idle}", {"runs": results, "floor": floor})
            m = median_of(results, "seconds")
            rows.append(Row(f"{mb} MB of log lines, {idle} idle programs beside", m["tend"], m["supervisord"], "s",
                            floor=floor["seconds"]))
    if wanted("control"):
        n, calls = p["control_programs"], p["control_calls"]
        print(f"control latency, {n} programs", flush=True)
        results = alternate(rounds, lambda kind: scenarios.control_latency(kind, tools, n, calls))
        record("control", {"runs": results})
        m = median_of(results, "cli_status_s")
        rows.append(Row(f"`status` of {n} programs from the CLI", m["tend"], m["supervisord"], "s"))
        m = median_of(results, "rpc_all_info_s")
        rows.append(Row(f"getAllProcessInfo of {n} programs over XML-RPC", m["tend"], m["supervisord"], "s"))
        scrapes = [run["metrics_scrape_s"] for run in results["tend"]]
        rows.append(Row(f"`/metrics` scrape of {n} programs (supervisord: none without an exporter)",
                        statistics.median(scrapes), None, "s"))
    if wanted("scheduler"):
        n, seconds = p["scheduled_programs"], p["scheduled_idle_s"]
        print(f"scheduler: idle with {n} programs every 1h, {seconds} s; tick delay", flush=True)
        idle = [scenarios.scheduled_idle(tools, n, seconds) for _ in range(rounds)]
        delay = [scenarios.tick_delay(tools, p["ticks"]) for _ in range(rounds)]
        record("scheduler", {"idle": idle, "tick_delay": delay})
        median = lambda runs, key: statistics.median(run[key] for run in runs)
        rows.append(Row(f"scheduler: wake-ups per second, {n} programs every 1h, none due (supervisord: no scheduler)",
                        median(idle, "wakeups_per_s"), None, "/s", floor=0))
        # cron starts jobs on the minute (resolution 1 min); systemd timers default to AccuracySec=1min.
        rows.append(Row("scheduler: delay from a tick's due time to the spawn, median (cron: up to 60 s)",
                        median(delay, "median_s"), None, "s"))
        rows.append(Row("scheduler: delay from a tick's due time to the spawn, p99",
                        median(delay, "p99_s"), None, "s"))
    if wanted("probes"):
        n, seconds = p["probed_programs"], p["probes_idle_s"]
        print(f"probes: {n} programs with a tcp readiness probe every 10 s, {seconds} s, and without", flush=True)
        probes = [scenarios.probes_idle(tools, n, seconds) for _ in range(rounds)]
        record("probes", {"runs": probes})
        median = lambda key: statistics.median(run[key] for run in probes)
        rows.append(Row(f"probes: daemon CPU per second, {n} programs with a tcp probe every 10 s (floor: the same "
                        "programs without probes; supervisord: no probes)", median("cpu_ms_per_s_with"), None, "ms",
                        floor=median("cpu_ms_per_s_without")))
        rows.append(Row("probes: daemon CPU per probe run (the difference, divided by the runs)",
                        median("cpu_us_per_probe"), None, "us"))
    if wanted("floor"):
        floor = scenarios.spawn_floor(tools, p["floor_spawns"])
        record("spawn_floor", floor)
        rows.append(Row(f"spawn floor: posix_spawn per process ({p['floor_spawns']})", None, None, "us",
                        floor=floor["per_spawn_us"]))
    if wanted("jobs"):
        print("job API", flush=True)
        job_rows, raw["jobs"] = job_api_rows(tools, args.root, p, rounds)
        rows += job_rows
    if wanted("stableconfigs"):
        rows += stableconfigs_rows(args.root)

    table = render_table(rows)
    print()
    print(table)
    load = os.getloadavg()
    meta = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": platform.machine(), "cpus": os.cpu_count(),
            "kernel": platform.release(), "load_average_at_end": load, "rounds": rounds, "smoke": args.smoke,
            "parameters": p}
    with open(args.output + ".json", "w") as f:
        json.dump({"meta": meta, "rows": [row.as_dict() for row in rows], "raw": raw}, f, indent=1)
    with open(args.output + ".md", "w") as f:
        f.write(f"Run of {meta['date']} on {meta['cpus']} CPUs (kernel {meta['kernel']}), {rounds} rounds, "
                f"load average at the end {load[0]:.2f}.\n\n{table}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
