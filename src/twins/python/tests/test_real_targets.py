"""The real targets' policy in the twins, against loopback servers: 127.0.0.2 plays the allowed
public host, 127.0.0.3 one that is not allowed (Linux routes all of 127.0.0.0/8 to lo)."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import run_job, task_events

AGENT = "ConcurrencyDashboard/1.0 (+mailto:lab@example.test)"


class _Host(BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        with server.lock:
            server.agents.append(self.headers.get("User-Agent"))
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            if self.path == "/genre":
                time.sleep(0.1)
                self._send(200, json.dumps("loopback polka"))
            elif self.path == "/away/wiki/random":
                self._redirect(server.elsewhere + "/wiki/random")
            elif self.path == "/loop/wiki/random":
                self._redirect("/loop/wiki/random")
            elif self.path == "/wiki/random":
                self._redirect("/wiki/Article")
            else:
                self._send(200, "<h1>Loopback Article</h1>")
        finally:
            with server.lock:
                server.in_flight -= 1

    def _redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status, text):
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(address):
    server = ThreadingHTTPServer((address, 0), _Host)
    server.lock = threading.Lock()
    server.agents, server.in_flight, server.max_in_flight, server.elsewhere = [], 0, 0, ""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture()
def hosts():
    allowed, other = _serve("127.0.0.2"), _serve("127.0.0.3")
    allowed.elsewhere = f"http://127.0.0.3:{other.server_address[1]}"
    yield f"http://127.0.0.2:{allowed.server_address[1]}/", allowed, other
    allowed.shutdown()
    other.shutdown()


def job(workload, strategy, base, out, count, cap=4, redirects=5):
    size = {"genre": {"tasks": count}, "scrape": {"pages": count}}[workload]
    policy = {"allowedHosts": ["127.0.0.2"], "userAgent": AGENT, "maxConcurrentPerHost": cap,
              "requestsPerSecond": 20, "maxRedirects": redirects, "allowHttpForLoopback": True}
    return {"parameters": dict(size, workload=workload),
            "environment": {"targetBaseUrl": base, "outputDirectory": str(out), "requestTimeoutMs": 10_000,
                            "policy": policy},
            "strategy": strategy, "threadPoolSize": 8, "processCount": 2}


@pytest.mark.parametrize("strategy", ["threads", "async"])
def test_allowed_host_answers_with_the_user_agent_and_at_most_the_cap_in_flight(strategy, hosts, tmp_path):
    base, allowed, _ = hosts
    events = task_events(run_job(job("genre", strategy, base, tmp_path, 8, cap=2)))
    assert sorted(e["task"] for e in events if e["kind"] == "Completed") == list(range(8))
    assert allowed.agents == [AGENT] * 8
    assert 1 <= allowed.max_in_flight <= 2


@pytest.mark.parametrize("strategy", ["sequential", "async"])
def test_redirect_within_the_allow_list_is_followed(strategy, hosts, tmp_path):
    base, _, _ = hosts
    events = task_events(run_job(job("scrape", strategy, base, tmp_path, 2)))
    assert [e["detail"] for e in events if e["kind"] == "Completed"] == ["Loopback Article"] * 2


@pytest.mark.parametrize("strategy", ["sequential", "async"])
def test_redirect_to_a_host_not_allowed_fails_naming_it(strategy, hosts, tmp_path):
    base, _, other = hosts
    events = task_events(run_job(job("scrape", strategy, base + "away/", tmp_path, 2)))
    failed = [e["detail"] for e in events if e["kind"] == "Failed"]
    assert len(failed) == 2
    assert all("'127.0.0.3' is not in the allow-list" in f for f in failed)
    assert other.agents == []


def test_too_many_redirects_fail(hosts, tmp_path):
    base, allowed, _ = hosts
    events = task_events(run_job(job("scrape", "sequential", base + "loop/", tmp_path, 1, redirects=3)))
    assert ["Too many redirects: more than 3" in e["detail"] for e in events if e["kind"] == "Failed"] == [True]
    assert len(allowed.agents) == 4
