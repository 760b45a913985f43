"""The tutorial's ways of running N tasks, one function per .NET strategy that has a twin.

Every strategy runs each task exactly once and reports it Started, then Completed (its output
as detail) or Failed (the reason); a task's failure never stops the others.
"""
import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from twins import events

_workload = None  # the workload of a pool's child process, set by its initializer


def run_one(workload, task):
    split = events.Split()
    events.task(task, "Started")
    split.begin()
    try:
        output = workload.run(task)
    except Exception as e:  # a task's failure is reported, never raised
        split.end()
        events.task(task, "Failed", events.reason(e), split)
        return False
    split.end()
    events.task(task, "Completed", output, split)
    return True


async def run_one_async(workload, task, session, cap=None):
    if cap is not None:
        await cap.acquire()
    try:
        split = events.Split()
        events.task(task, "Started")
        try:
            output = await events.Timed(workload.run_async(task, session), split)
        except Exception as e:
            events.task(task, "Failed", events.reason(e), split)
            return False
        events.task(task, "Completed", output, split)
        return True
    finally:
        if cap is not None:
            cap.release()


def sequential(workload, tasks, options):
    for task in tasks:
        run_one(workload, task)


def threads(workload, tasks, options):
    """One threading.Thread per task: blocking calls wait side by side, the GIL lets one run."""
    started = [threading.Thread(target=run_one, args=(workload, t)) for t in tasks]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()


def threadpool(workload, tasks, options):
    with ThreadPoolExecutor(max_workers=options["threadPoolSize"]) as pool:
        list(pool.map(lambda t: run_one(workload, t), tasks))


async def _gather(workload, tasks, cap_size, timeout_s):
    cap = asyncio.Semaphore(cap_size) if cap_size else None
    session = None
    if getattr(workload, "url", None):
        from twins import http  # aiohttp only where a workload talks HTTP: it costs start-up time
        session = http.new_async_session(timeout_s)
    try:
        await asyncio.gather(*(run_one_async(workload, t, session, cap) for t in tasks))
    finally:
        if session is not None:
            await session.close()


def async_(workload, tasks, options):
    """asyncio.gather over every task (optionally capped): one thread, many waits."""
    asyncio.run(_gather(workload, tasks, options.get("asyncCap"), getattr(workload, "timeout_s", 30)))


def _init_child(workload):
    global _workload
    _workload = workload


def _child_task(task):
    return run_one(_workload, task)


def _child_share_async(share, cap_size):
    asyncio.run(_gather(_workload, share, cap_size, getattr(_workload, "timeout_s", 30)))
    return True


def share(worker, workers, task_count):
    """The contiguous block of tasks worker `worker` of `workers` runs: the same split as .NET's."""
    start = worker * task_count // workers
    end = (worker + 1) * task_count // workers
    return list(range(start, end))


def _pool(workload, workers):
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_child, initargs=(workload,))


def processes(workload, tasks, options):
    """ProcessPoolExecutor: K processes, each takes the next task when it is free."""
    workers = max(1, min(options["processCount"], len(tasks)))
    with _pool(workload, workers) as pool:
        futures = {task: pool.submit(_child_task, task) for task in tasks}
    _fail_lost(futures.items())


def async_processes(workload, tasks, options):
    """asyncio inside each of K processes, each gathering its contiguous share."""
    workers = max(1, min(options["processCount"], len(tasks)))
    shares = [share(w, workers, len(tasks)) for w in range(workers)]
    with _pool(workload, workers) as pool:
        futures = [(s, pool.submit(_child_share_async, [tasks[i] for i in s], options.get("asyncCap")))
                   for s in shares]
    for s, future in futures:
        _fail_lost([(tasks[i], future) for i in s])


def _fail_lost(pairs):
    """A child that died (BrokenProcessPool) ran some tasks only: the runner fails the rest."""
    for task, future in pairs:
        if future.exception() is not None:
            events.task(task, "Failed", f"the process running it died: {events.reason(future.exception())}")


STRATEGIES = {
    "sequential": sequential,
    "threads": threads,
    "threadpool": threadpool,
    "async": async_,
    "processes": processes,
    "async-processes": async_processes,
}
