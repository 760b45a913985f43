"""The runner the Engine starts: `python3 -m twins.runner` reads one JSON job line on stdin,
runs it and writes JSON-line events on stdout (ready, task..., done, or error). Closing stdin
stops the run: the runner ends its child processes and exits.

`python3 -m twins.runner --probe` prints what the twins need and what is missing.
"""
import importlib
import json
import multiprocessing
import os
import resource
import sys
import threading

REQUIRED_MODULES = ("requests", "aiohttp", "aiofiles", "bs4")
DEBIAN_PACKAGES = {"requests": "python3-requests", "aiohttp": "python3-aiohttp",
                   "aiofiles": "python3-aiofiles", "bs4": "python3-bs4"}
MAX_JOB_BYTES = 64 * 1024
EXIT_STOPPED = 3
EXIT_BAD_JOB = 2


def probe():
    missing = []
    for name in REQUIRED_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(DEBIAN_PACKAGES[name])
    return {"python": ".".join(map(str, sys.version_info[:3])), "missing": missing}


def create_workload(parameters, environment):
    from twins.genre import Genre
    from twins.gil_loop import GilLoop
    from twins.hello import Hello
    from twins.power import Power
    from twins.scrape import Scrape
    kinds = {"hello": Hello, "genre": Genre, "scrape": Scrape, "power": Power, "gil-loop": GilLoop}
    kind = parameters.get("workload")
    if kind not in kinds:
        raise ValueError(f"unknown workload {kind!r}")
    if kind in ("genre", "scrape"):
        from twins import http
        http.configure(environment)
    return kinds[kind](parameters, environment)


def _watch_stdin():
    """EOF on stdin means stop: end the children (the pool's processes) and exit at once."""
    # os.read on the descriptor, not sys.stdin: a forked pool child closes sys.stdin, which
    # would wait forever for the buffer lock this thread holds while it reads.
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    for child in multiprocessing.active_children():
        child.kill()
    os._exit(EXIT_STOPPED)


def run(job):
    from twins import events, strategies
    events.ready()
    strategy = strategies.STRATEGIES.get(job.get("strategy"))
    if strategy is None:
        events.error(f"no Python twin of strategy {job.get('strategy')!r}")
        return EXIT_BAD_JOB
    try:
        workload = create_workload(job["parameters"], job["environment"])
    except (KeyError, ValueError, TypeError) as e:
        events.error(f"bad job: {events.reason(e)}")
        return EXIT_BAD_JOB
    if job.get("backgroundPriority"):
        os.nice(10)
    tasks = list(range(workload.task_count))
    strategy(workload, tasks, job)
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    events.done(cpu, (me.ru_maxrss + children.ru_maxrss) * 1024)
    return 0


def main(argv):
    if argv[1:] == ["--probe"]:
        print(json.dumps(probe()))
        return 0
    line = sys.stdin.buffer.readline(MAX_JOB_BYTES)
    try:
        job = json.loads(line)
    except ValueError:
        from twins import events
        events.error("the job is not one JSON line")
        return EXIT_BAD_JOB
    threading.Thread(target=_watch_stdin, daemon=True).start()
    return run(job)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
