import json
import time

import pytest

from tests.conftest import run_job, start_runner, task_events
from twins import runner
from twins.strategies import share

STRATEGIES = ["sequential", "threads", "threadpool", "async", "processes", "async-processes"]


def power_job(strategy, count=6):
    return {"parameters": {"workload": "power", "start": 20_000, "count": count},
            "environment": {"targetBaseUrl": "http://127.0.0.1:9/", "outputDirectory": "/tmp"},
            "strategy": strategy, "threadPoolSize": 3, "processCount": 2, "asyncCap": None}


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_strategy_runs_each_task_once_with_the_same_outputs(strategy):
    messages = run_job(power_job(strategy))
    assert messages[0]["type"] == "ready"
    assert messages[-1]["type"] == "done" and messages[-1]["cpuSeconds"] > 0
    events = task_events(messages)
    assert sorted(e["task"] for e in events if e["kind"] == "Started") == list(range(6))
    completed = {e["task"]: e["detail"] for e in events if e["kind"] == "Completed"}
    assert sorted(completed) == list(range(6))
    expected = run_job(power_job("sequential"))
    assert completed == {e["task"]: e["detail"] for e in task_events(expected) if e["kind"] == "Completed"}
    # Each task starts before it ends, on the monotonic clock.
    for task in range(6):
        start = next(e["timestamp"] for e in events if e["task"] == task and e["kind"] == "Started")
        end = next(e["timestamp"] for e in events if e["task"] == task and e["kind"] == "Completed")
        assert start <= end


def lanes(messages):
    return {(e["processId"], e["threadId"]) for e in task_events(messages) if e["kind"] == "Started"}


def test_lanes_are_native_pid_and_tid_per_strategy():
    runner_pid = lambda messages: messages[0]["processId"]  # noqa: E731
    seq = run_job(power_job("sequential"))
    assert lanes(seq) == {(runner_pid(seq), runner_pid(seq))}
    threads = run_job(power_job("threads"))
    assert len(lanes(threads)) == 6 and {p for p, _ in lanes(threads)} == {runner_pid(threads)}
    processes = run_job(power_job("processes"))
    pids = {p for p, _ in lanes(processes)}
    assert runner_pid(processes) not in pids and 1 <= len(pids) <= 2


def test_hello_threads_overlap_their_waits():
    job = {"parameters": {"workload": "hello", "tasks": 5, "name": "Seven of Nine", "delayMs": 300},
           "environment": {"targetBaseUrl": "http://127.0.0.1:9/", "outputDirectory": "/tmp"},
           "strategy": "threads", "threadPoolSize": 2, "processCount": 2}
    events = task_events(run_job(job))
    starts = [e["timestamp"] for e in events if e["kind"] == "Started"]
    ends = [e["timestamp"] for e in events if e["kind"] == "Completed"]
    assert len(ends) == 5 and {e["detail"] for e in events if e["kind"] == "Completed"} == {"Hello, Seven of Nine!"}
    # The waits overlap: a loaded machine may start the fifth thread after the first wait ended,
    # so at least two were in flight at once, never more than five.
    stamps = sorted([(t, 1) for t in starts] + [(t, -1) for t in ends], key=lambda p: (p[0], p[1]))
    in_flight = [sum(step for _, step in stamps[:i + 1]) for i in range(len(stamps))]
    assert 2 <= max(in_flight) <= 5


def test_async_cap_limits_tasks_in_flight():
    job = {"parameters": {"workload": "hello", "tasks": 6, "name": "n", "delayMs": 100},
           "environment": {"targetBaseUrl": "http://127.0.0.1:9/", "outputDirectory": "/tmp"},
           "strategy": "async", "asyncCap": 2, "threadPoolSize": 2, "processCount": 2}
    in_flight, peak = 0, 0
    for e in task_events(run_job(job)):
        in_flight += 1 if e["kind"] == "Started" else -1
        peak = max(peak, in_flight)
    assert peak == 2


def test_share_splits_like_dotnet_with_no_task_lost():
    for tasks in (1, 5, 16, 101):
        for workers in (1, 2, 3, 7):
            blocks = [share(w, workers, tasks) for w in range(workers)]
            assert sum(blocks, []) == list(range(tasks))
            assert max(map(len, blocks)) - min(map(len, blocks)) <= 1


def test_unknown_strategy_is_an_error_message():
    messages = run_job(power_job("parallel"), expect_code=runner.EXIT_BAD_JOB)
    assert messages[-1] == {"type": "error", "message": "no Python twin of strategy 'parallel'"}


def test_closing_stdin_stops_the_runner_and_its_children():
    job = {"parameters": {"workload": "hello", "tasks": 4, "name": "n", "delayMs": 60_000},
           "environment": {"targetBaseUrl": "http://127.0.0.1:9/", "outputDirectory": "/tmp"},
           "strategy": "processes", "threadPoolSize": 2, "processCount": 2}
    process = start_runner(job)
    process.stdout.readline()  # ready
    started = json.loads(process.stdout.readline())
    child = started["processId"]
    began = time.monotonic()
    process.stdin.close()
    # Generous bounds for a loaded machine, yet far below the tasks' own minute.
    assert process.wait(timeout=20) == runner.EXIT_STOPPED
    assert time.monotonic() - began < 20
    deadline = time.monotonic() + 20
    while child_alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not child_alive(child)


def child_alive(pid):
    """True while /proc shows the process and it is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:  # gone (reaped) between the look and the read
        return False


def test_probe_names_nothing_missing_here():
    assert runner.probe()["missing"] == []
