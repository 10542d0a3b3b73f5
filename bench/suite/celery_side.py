"""The Celery 5.7 + Redis 7 side of the job API scenarios. Run with the bench venv's Python (it imports
celery); prints one JSON object on stdout.

    python celery_side.py work  BROKER_URL JOBS ROUND_TRIPS   the timed workload
    python celery_side.py ping  BROKER_URL                    exits 0 once a worker answers a task

The task runs `/bin/true` and returns, as the Tend task does. Results come back through Redis (the result
backend), read with AsyncResult.get(), Celery's own way of waiting for a result.
"""
import json
import statistics
import sys
import time

from celery import Celery

import client_threads


def make_app(url):
    app = Celery("benchjobs", broker=url, backend=url)
    app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                    broker_connection_retry_on_startup=True)
    return app


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


SUBMIT_CLIENTS = 8


def submit_concurrently(noop, jobs, clients):
    """`jobs` apply_async calls from `clients` threads (Celery's producer pool gives each its connection); the
    time from the first to the last, then every result is awaited (not timed)."""
    elapsed, results = client_threads.run_concurrently(
        lambda index, count: [noop.apply_async() for _ in range(count)], client_threads.split(jobs, clients))
    for batch in results:
        for result in batch:
            result.get(timeout=600)
    return elapsed


def main():
    mode, url = sys.argv[1], sys.argv[2]
    app = make_app(url)
    noop = app.signature("tasks.noop")
    if mode == "ping":
        noop.apply_async().get(timeout=60)
        return 0
    jobs, trips = int(sys.argv[3]), int(sys.argv[4])
    noop.apply_async().get(timeout=60)  # warm-up: the worker's pool is up and the connections are open
    started = time.perf_counter()
    pending = [noop.apply_async() for _ in range(jobs)]
    submitted = time.perf_counter() - started
    for result in pending:
        result.get(timeout=600)
    elapsed = time.perf_counter() - started
    round_trips = []
    for _ in range(trips):
        t = time.perf_counter()
        noop.apply_async().get(timeout=60)
        round_trips.append(time.perf_counter() - t)
    concurrent = submit_concurrently(noop, jobs, SUBMIT_CLIENTS)
    print(json.dumps({"jobs": jobs, "seconds": elapsed, "jobs_per_s": jobs / elapsed,
                      "submit_s_per_job": submitted / jobs, "submit_concurrent_s_per_job": concurrent / jobs,
                      "round_trip_median_s": statistics.median(round_trips),
                      "round_trip_p99_s": percentile(round_trips, 0.99)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
