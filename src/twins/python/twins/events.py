"""Task events as JSON lines on stdout, in the shape the Engine's worker protocol reads.

Timestamps are time.monotonic_ns(): CLOCK_MONOTONIC in nanoseconds, the clock .NET's
Stopwatch reads on Linux, so Python and .NET events line up on one timeline. Each line is
written with one os.write, shorter than PIPE_BUF, so lines from threads and from child
processes sharing the pipe never interleave.
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


def task(index, kind, detail=None):
    """A task event: kind is Started, Completed, Failed or Cancelled."""
    pid, tid = lane()
    write({"type": "task", "task": index, "kind": kind, "timestamp": now(),
           "threadId": tid, "processId": pid, "detail": detail})


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
