"""The tutorial's third experiment: GET the random page (a redirect), parse it with
BeautifulSoup, take the first <h1>'s text and append "title<TAB>" to the one shared
wiki_titles.tsv. Unlike the tutorial, appends are locked (flock) so processes never tear
each other's records."""
import asyncio
import fcntl
import os

from bs4 import BeautifulSoup

from twins import events, http

TARGET_PATH = "wiki/random"
FILE_NAME = "wiki_titles.tsv"


def parse_title(page):
    soup = BeautifulSoup(page, "html.parser")
    h1 = soup.find("h1")
    if h1 is None:
        raise ValueError(f"The page has no <h1> ({len(page)} bytes).")
    title = h1.get_text().strip().replace("\t", " ").replace("\r", " ").replace("\n", " ")
    if not title:
        raise ValueError("The page's first <h1> is empty.")
    return title


def append_locked(path, text):
    """One write of the whole record under an exclusive lock, safe across threads and processes."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)  # closing releases the lock


class Scrape:
    def __init__(self, parameters, environment):
        self.task_count = int(parameters.get("pages", 100))
        self.url = http.target(environment["targetBaseUrl"], TARGET_PATH)
        self.path = os.path.join(environment["outputDirectory"], FILE_NAME)
        self.timeout_s = (environment.get("requestTimeoutMs") or 30000) / 1000

    def prepare(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        if os.path.exists(self.path):
            os.remove(self.path)

    def run(self, task):
        with events.waiting():
            page = http.get(self.url, True, self.timeout_s)
        title = parse_title(page)
        with events.waiting():
            append_locked(self.path, title + "\t")
        return title

    async def run_async(self, task, session):
        title = parse_title(await http.get_async(session, self.url, True))
        # flock may wait for another process: not on the event loop's thread.
        await asyncio.to_thread(append_locked, self.path, title + "\t")
        return title
