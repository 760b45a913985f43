"""Where a task's time went, as the twins report it with each task's end: cpu (the thread's own
CPU time), ready (runnable but not running: the OS run queue, and for threads the GIL) and
runQueue (the OS part of ready). Tolerances hold with both cores busy: a busy machine shows up
as runQueue, so the GIL's part (ready - runQueue) is what these tests compare."""
import threading

from tests.conftest import run_job, task_events
from twins import events


def power_job(strategy, count=4, start=150_000):
    return {"parameters": {"workload": "power", "start": start, "count": count},
            "environment": {"targetBaseUrl": "http://127.0.0.1:9/", "outputDirectory": "/tmp"},
            "strategy": strategy, "threadPoolSize": count, "processCount": 2, "asyncCap": None}


def hello_job(strategy, tasks=3, delay_ms=300):
    return {"parameters": {"workload": "hello", "tasks": tasks, "name": "n", "delayMs": delay_ms},
            "environment": {"targetBaseUrl": "http://127.0.0.1:9/", "outputDirectory": "/tmp"},
            "strategy": strategy, "threadPoolSize": tasks, "processCount": 2, "asyncCap": None}


def ends_with_spans(messages):
    events = task_events(messages)
    starts = {e["task"]: e["timestamp"] for e in events if e["kind"] == "Started"}
    ends = [e for e in events if e["kind"] == "Completed"]
    return [(e, (e["timestamp"] - starts[e["task"]]) / 1e9) for e in ends]


def test_every_end_carries_a_split_within_its_span():
    for strategy in ("sequential", "threads", "threadpool", "async", "processes", "async-processes"):
        ends = ends_with_spans(run_job(power_job(strategy, count=3, start=20_000)))
        assert len(ends) == 3, strategy
        for e, span in ends:
            assert 0 <= e["runQueue"] <= e["ready"], (strategy, e)
            assert e["cpu"] >= 0 and e["cpu"] + e["ready"] <= span + 0.005, (strategy, e, span)


def spin(n):
    """A pure-Python loop: many bytecodes, so the interpreter hands the GIL around every 5 ms."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def split_of_threads(count, loops=1_500_000):
    splits = [events.Split() for _ in range(count)]

    def task(split):
        split.begin()
        spin(loops)
        split.end()

    threads = [threading.Thread(target=task, args=(s,)) for s in splits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [(s, s.fields()) for s in splits]


def test_threads_on_a_python_loop_wait_for_the_gil_one_thread_does_not():
    # Four threads share one GIL: each runs about a quarter of the time and waits for it the rest.
    for split, fields in split_of_threads(4):
        span = fields["cpu"] + (split.gil + split.run_queue) / 1e9
        assert fields["ready"] - fields["runQueue"] > 0.3 * span, fields
    # One thread alone never waits for the GIL: its span is CPU and, on a busy machine, run queue.
    for split, fields in split_of_threads(1):
        assert fields["ready"] - fields["runQueue"] < 0.1 * (fields["cpu"] + fields["ready"]), fields


def test_power_on_sequential_is_cpu_and_run_queue():
    for e, span in ends_with_spans(run_job(power_job("sequential"))):
        assert e["ready"] - e["runQueue"] < 0.1 * span, (e, span)
        assert e["cpu"] + e["ready"] >= 0.9 * span, (e, span)


def test_sleeping_tasks_use_no_cpu_and_are_not_ready():
    for strategy in ("sequential", "threads", "async"):
        ends = ends_with_spans(run_job(hello_job(strategy)))
        assert len(ends) == 3
        for e, span in ends:
            assert span >= 0.29
            assert e["cpu"] < 0.1 * span, (strategy, e, span)
            assert e["ready"] - e["runQueue"] < 0.1 * span, (strategy, e, span)
