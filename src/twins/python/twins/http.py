"""The HTTP side of genre and scrape: one requests.Session per thread, one aiohttp session per
event loop, a descriptive User-Agent, a per-request timeout, and clear errors."""
import threading
from urllib.parse import urljoin

import aiohttp
import requests

USER_AGENT = ("ConcurrencyDashboard-PythonTwin/1.0 "
              "(+https://github.com/based-jace/concurrency-parallelism-and-asyncio)")
MAX_BODY_BYTES = 64 * 1024 * 1024

_local = threading.local()


def target(base_url, path):
    base = base_url if base_url.endswith("/") else base_url + "/"
    return urljoin(base, path)


def _session():
    session = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        session.headers["User-Agent"] = USER_AGENT
        session.trust_env = False
        _local.session = session
    return session


def get(url, follow_redirects, timeout_s):
    """Blocking GET: the calling thread waits for the whole answer."""
    response = _session().get(url, allow_redirects=follow_redirects, timeout=timeout_s)
    _ensure_success(response.status_code, response.reason, response.url)
    if len(response.content) > MAX_BODY_BYTES:
        raise ValueError(f"{url} answered more than {MAX_BODY_BYTES} bytes")
    return response.content


def new_async_session(timeout_s):
    connector = aiohttp.TCPConnector(limit=0)
    return aiohttp.ClientSession(
        connector=connector, headers={"User-Agent": USER_AGENT}, trust_env=False,
        timeout=aiohttp.ClientTimeout(total=timeout_s))


async def get_async(session, url, follow_redirects):
    """Async GET of the same request: no thread waits while the target answers."""
    async with session.get(url, allow_redirects=follow_redirects, max_redirects=5) as response:
        _ensure_success(response.status, response.reason, str(response.url))
        return await response.content.read(MAX_BODY_BYTES + 1)


def _ensure_success(status, reason, url):
    if not 200 <= status < 300:
        path = url.split("://", 1)[-1]
        path = path[path.find("/"):] if "/" in path else "/"
        raise RuntimeError(f"HTTP {status} {reason or ''} from {path}".replace("  ", " "))
