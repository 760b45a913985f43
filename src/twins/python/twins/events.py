"""Task events as JSON lines on stdout, in the shape the Engine's worker protocol reads.

Timestamps are time.monotonic_ns(): CLOCK_MONOTONIC in nanoseconds, the clock .NET's
Stopwatch reads on Linux, so Python and .NET events line up on one timeline. Each line is
written with one os.write, shorter than PIPE_BUF, so lines from threads and from child
processes sharing the pipe never interleave.

A task's end also says where its time went (Split): "cpu", its thread's own CPU time
(time.thread_time), "ready", runnable but not running (the OS run queue, and for threads the
GIL), and "runQueue", the OS part of ready. The GIL's part is what is left of the span after
CPU, the run queue and the waits the workloads mark with waiting() (sleeps, HTTP, files).
"""
import json
import os
import threading
import time

# A pipe write of at most PIPE_BUF (4096 on Linux) bytes is atomic.
MAX_LINE_BYTES = 4000
MAX_DETAIL_CHARS = 500

_lock = threading.Lock()
_out_fd = 1


def now():
    """The monotonic clock in nanoseconds (CLOCK_MONOTONIC)."""
    return time.monotonic_ns()


def lane():
    """(pid, native thread id): where the calling code runs."""
    return os.getpid(), threading.get_native_id()


def write(message):
    """Writes one message as one line; too long a detail is shortened to keep it atomic."""
    line = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    data = (line + "\n").encode("utf-8")
    if len(data) > MAX_LINE_BYTES and message.get("detail"):
        shorter = dict(message, detail=message["detail"][:MAX_DETAIL_CHARS] + "...")
        data = (json.dumps(shorter, separators=(",", ":")) + "\n").encode("utf-8")
    with _lock:
        os.write(_out_fd, data)


def task(index, kind, detail=None, split=None):
    """A task event: kind is Started, Completed, Failed or Cancelled; an end carries its split."""
    pid, tid = lane()
    message = {"type": "task", "task": index, "kind": kind, "timestamp": now(),
               "threadId": tid, "processId": pid, "detail": detail}
    if split is not None:
        message.update(split.fields())
    write(message)


_local = threading.local()


def _run_queue_ns():
    """Nanoseconds this thread has waited in the OS run queue (schedstat), or None."""
    fd = getattr(_local, "schedstat", None)
    if fd is None:
        try:
            fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            fd = -1
        _local.schedstat = fd
    if fd < 0:
        return None
    try:
        return int(os.pread(fd, 96, 0).split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _release():
    """Closes a worker thread's schedstat file: a thread per task must not leave a descriptor each."""
    fd = getattr(_local, "schedstat", None)
    if fd is not None and fd >= 0 and threading.current_thread() is not threading.main_thread():
        os.close(fd)
        _local.schedstat = None


class waiting:
    """Marks a blocking wait (a sleep, an HTTP call, a file): its time is waiting, not the GIL."""

    def __enter__(self):
        self.start = time.monotonic_ns()
        return self

    def __exit__(self, *exc):
        _local.waited = getattr(_local, "waited", 0) + time.monotonic_ns() - self.start
        return False


class Split:
    """Where one task's time went, added up over its pieces (begin/end on the thread each runs on)."""

    __slots__ = ("start", "cpu", "run_queue", "gil", "open", "keep")

    def __init__(self):
        self.start = time.monotonic_ns()
        self.cpu = 0
        self.run_queue = 0
        self.gil = 0
        self.open = None
        self.keep = False

    def begin(self, keep=False):
        """A piece starts on the calling thread; keep its schedstat file open (the event loop's thread)."""
        self.keep = keep
        self.open = (time.monotonic_ns(), time.thread_time_ns(), _run_queue_ns(), getattr(_local, "waited", 0))

    def end(self):
        """The piece ends: what it did not spend on a core, in the run queue or in a marked wait was the GIL's."""
        start, cpu, run_queue, waited = self.open
        wall = time.monotonic_ns() - start
        cpu = time.thread_time_ns() - cpu
        later = _run_queue_ns()
        queued = max(0, later - run_queue) if run_queue is not None and later is not None else 0
        self.cpu += cpu
        self.run_queue += queued
        self.gil += max(0, wall - cpu - queued - (getattr(_local, "waited", 0) - waited))
        if not self.keep:
            _release()

    def fields(self):
        """Seconds: cpu, ready (run queue plus GIL) and runQueue, each within the span."""
        span = max(0, time.monotonic_ns() - self.start)
        cpu = min(self.cpu, span)
        run_queue = min(self.run_queue, span - cpu)
        ready = min(span - cpu, run_queue + self.gil)
        return {"cpu": round(cpu / 1e9, 6), "ready": round(ready / 1e9, 6), "runQueue": round(run_queue / 1e9, 6)}


class Timed:
    """Awaits a coroutine step by step, each step a piece of the split (asyncio: no GIL, one thread)."""

    __slots__ = ("coro", "split")

    def __init__(self, coro, split):
        self.coro = coro
        self.split = split

    def __await__(self):
        steps = self.coro.__await__()
        value, error = None, None
        while True:
            self.split.begin(keep=True)
            try:
                yielded = steps.send(value) if error is None else steps.throw(error)
            except StopIteration as stop:
                return stop.value
            finally:
                self.split.end()
            try:
                value, error = (yield yielded), None
            except BaseException as e:  # the awaited future's error, or a cancellation: the coroutine's own
                value, error = None, e


def ready():
    write({"type": "ready", "processId": os.getpid(), "timestamp": now()})


def done(cpu_seconds, peak_memory_bytes):
    write({"type": "done", "cpuSeconds": cpu_seconds,
           "peakMemoryBytes": peak_memory_bytes})


def error(message):
    write({"type": "error", "message": message})


def reason(exc):
    """A failure as a person reads it: the message, else the exception's type."""
    text = str(exc).strip()
    return text if text else type(exc).__name__
