"""Runs the same work from several client threads at once, timed from the first to the last; shared by the
Tend side (jobs.py) and the Celery side (celery_side.py, which runs in the bench venv)."""
import threading
import time


def split(total, parts):
    """`total` items as `parts` nearly equal counts."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def run_concurrently(work, counts):
    """Calls `work(index, count)` on one thread per entry of `counts`, all released together; returns the time
    from the release to the end of the last, and each thread's result in order."""
    results = [None] * len(counts)
    barrier = threading.Barrier(len(counts) + 1)

    def run(index):
        barrier.wait()
        results[index] = work(index, counts[index])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(counts))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results
