"""The HTTP side of genre and scrape: one requests.Session per thread, one aiohttp session per
event loop, a descriptive User-Agent, a per-request timeout, and clear errors.

Against the simulated targets every request carries the run's capability
(environment["targetCapability"], handed over with the job on stdin) in the X-Lab-Capability
header: the targets answer nobody else. It is never sent to real targets.

Against real targets the engine passes a policy (environment["policy"]) and every request obeys
it as the .NET TargetClient does: only allowed hosts, https only (http only for loopback hosts
when allowHttpForLoopback), redirects followed by hand within the allow-list and at most
maxRedirects of them, the configured User-Agent, and per host at most maxConcurrentPerHost
requests in flight and requestsPerSecond starts (per process)."""
import asyncio
import ipaddress
import itertools
import threading
import time
from urllib.parse import urljoin, urlsplit

import aiohttp
import requests

USER_AGENT = ("ConcurrencyDashboard-PythonTwin/1.0 "
              "(+https://github.com/based-jace/concurrency-parallelism-and-asyncio)")
MAX_BODY_BYTES = 64 * 1024 * 1024
CAPABILITY_HEADER = "X-Lab-Capability"

_local = threading.local()
_policy = None
_capability = None
_gates_lock = threading.Lock()
_gates = {}


class RefusedError(RuntimeError):
    """A real target's address or redirect broke the allow-list, https or redirect-count rule."""


def configure(environment):
    """Takes the real targets' policy (None = the simulated targets) and the run's capability from
    the job's environment."""
    global _policy, _capability
    _policy = environment.get("policy")
    _capability = environment.get("targetCapability") if _policy is None else None
    with _gates_lock:
        _gates.clear()
    if _policy is not None:
        refusal = _refusal(environment["targetBaseUrl"])
        if refusal:
            raise RefusedError(f"The real target is refused: {refusal}")


def _user_agent():
    return _policy["userAgent"] if _policy else USER_AGENT


def _headers():
    """Every request's headers: the User-Agent, and the run's capability for the simulated targets."""
    headers = {"User-Agent": _user_agent()}
    if _capability:
        headers[CAPABILITY_HEADER] = _capability
    return headers


def _refusal(url):
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    allowed = [h.strip().rstrip(".").lower() for h in _policy["allowedHosts"]]
    if host not in allowed:
        return f"host '{host}' is not in the allow-list ({', '.join(_policy['allowedHosts'])})."
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and _policy.get("allowHttpForLoopback") and _is_loopback(host):
        return None
    return f"'{parts.scheme}://{host}' is not https; real targets are called over https only."


def _is_loopback(host):
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _check(url, hop):
    limit = int(_policy.get("maxRedirects", 5))
    if hop > limit:
        raise RefusedError(f"Too many redirects: more than {limit}, the last to {url}.")
    refusal = _refusal(url)
    if refusal:
        verb = "call" if hop == 0 else "follow a redirect to"
        raise RefusedError(f"Refused to {verb} {url}: {refusal}")


class _Gate:
    """Per host: a slot cap and a steady pace of request starts (threads and event loops alike)."""

    def __init__(self, cap, rate):
        self.slots = threading.BoundedSemaphore(cap)
        self.spacing = 1.0 / rate
        self.pace = threading.Lock()
        self.next_start = time.monotonic()

    def reserve(self):
        with self.pace:
            now = time.monotonic()
            start = max(now, self.next_start)
            self.next_start = start + self.spacing
            return start - now


def _gate(url):
    host = (urlsplit(url).hostname or "").lower()
    with _gates_lock:
        gate = _gates.get(host)
        if gate is None:
            gate = _Gate(int(_policy.get("maxConcurrentPerHost", 4)), float(_policy.get("requestsPerSecond", 5)))
            _gates[host] = gate
        return gate


_REDIRECTS = (301, 302, 303, 307, 308)


def target(base_url, path):
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, path)


def _session():
    session = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        session.headers.update(_headers())
        session.trust_env = False
        _local.session = session
    return session


def get(url, follow_redirects, timeout_s):
    """Blocking GET: the calling thread waits for the whole answer."""
    if _policy is not None:
        return _get_with_policy(url, timeout_s)
    response = _session().get(url, allow_redirects=follow_redirects, timeout=timeout_s)
    _ensure_success(response.status_code, response.reason, response.url)
    if len(response.content) > MAX_BODY_BYTES:
        raise ValueError(f"{url} answered more than {MAX_BODY_BYTES} bytes")
    return response.content


def new_async_session(timeout_s):
    connector = aiohttp.TCPConnector(limit=0)
    return aiohttp.ClientSession(
        connector=connector, headers=_headers(), trust_env=False,
        timeout=aiohttp.ClientTimeout(total=timeout_s))


async def get_async(session, url, follow_redirects):
    """Async GET of the same request: no thread waits while the target answers."""
    if _policy is not None:
        return await _get_with_policy_async(session, url)
    async with session.get(url, allow_redirects=follow_redirects, max_redirects=5) as response:
        _ensure_success(response.status, response.reason, str(response.url))
        return await response.content.read(MAX_BODY_BYTES + 1)


def _ensure_success(status, reason, url):
    if not 200 <= status < 300:
        path = url.split("://", 1)[-1]
        path = path[path.find("/"):] if "/" in path else "/"
        raise RuntimeError(f"HTTP {status} {reason or ''} from {path}".replace("  ", " "))


def _get_with_policy(url, timeout_s):
    for hop in itertools.count():
        _check(url, hop)
        gate = _gate(url)
        gate.slots.acquire()
        try:
            time.sleep(gate.reserve())
            response = _session().get(url, allow_redirects=False, timeout=timeout_s)
            location = response.headers.get("Location")
            if response.status_code in _REDIRECTS and location:
                url = urljoin(url, location)
                continue
            _ensure_success(response.status_code, response.reason, response.url)
            if len(response.content) > MAX_BODY_BYTES:
                raise ValueError(f"{url} answered more than {MAX_BODY_BYTES} bytes")
            return response.content
        finally:
            gate.slots.release()


async def _get_with_policy_async(session, url):
    for hop in itertools.count():
        _check(url, hop)
        gate = _gate(url)
        # The slot is a thread semaphore: poll it without blocking the event loop.
        while not gate.slots.acquire(blocking=False):
            await asyncio.sleep(0.005)
        try:
            await asyncio.sleep(gate.reserve())
            async with session.get(url, allow_redirects=False) as response:
                location = response.headers.get("Location")
                if response.status in _REDIRECTS and location:
                    url = urljoin(url, location)
                    continue
                _ensure_success(response.status, response.reason, str(response.url))
                return await response.content.read(MAX_BODY_BYTES + 1)
        finally:
            gate.slots.release()
