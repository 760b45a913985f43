"""Shared fixtures: the runner as a real child process, and real HTTP targets on loopback."""
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_job(job, timeout=60, expect_code=0):
    """Starts `python -m twins.runner` as the Engine does (stdin stays open: closing it means stop),
    hands it the job, returns its exit code and its messages in order."""
    process = start_runner(job)
    try:
        out = process.stdout.read()  # until the runner exits (it closes stdout)
        code = process.wait(timeout=timeout)
    finally:
        process.stdin.close()
        process.kill()
        process.wait()
    assert code == expect_code, f"exit code {code}: {process.stderr.read()}"
    return [json.loads(line) for line in out.splitlines()]


def start_runner(job):
    env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
    process = subprocess.Popen([sys.executable, "-m", "twins.runner"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    process.stdin.write(json.dumps(job) + "\n")
    process.stdin.flush()
    return process


def task_events(messages):
    return [m for m in messages if m["type"] == "task"]


class _Targets(BaseHTTPRequestHandler):
    counter = 0
    lock = threading.Lock()

    def do_GET(self):
        required = getattr(self.server, "capability", None)
        if required is not None and self.headers.get("X-Lab-Capability") != required:
            self._send(401, "text/plain", "no capability")
            return
        with _Targets.lock:
            _Targets.counter += 1
            n = _Targets.counter
        if self.path == "/sim/genre":
            self._send(200, "application/json", json.dumps(f"byzantine motown {n}"))
        elif self.path == "/sim/wiki/random":
            self.send_response(302)
            self.send_header("Location", f"/sim/wiki/page{n}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/sim/wiki/page"):
            page = f"<html><head><title>t</title></head><body><h1> Page\t{n} </h1><h1>second</h1></body></html>"
            self._send(200, "text/html; charset=utf-8", page)
        else:
            self._send(404, "text/plain", "no")

    def _send(self, status, content_type, text):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(capability):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Targets)
    server.capability = capability
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/sim/"


@pytest.fixture()
def targets():
    """A real HTTP server on a free loopback port serving genre and wiki pages under /sim/."""
    server, url = _serve(None)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture()
def locked_targets():
    """The same targets answering only requests that carry the run's capability (as the dashboard's do):
    yields (url, capability); any other request gets 401."""
    capability = "cap-" + os.urandom(16).hex()
    server, url = _serve(capability)
    yield url, capability
    server.shutdown()
    server.server_close()
