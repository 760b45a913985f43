"""The tutorial's first experiment: GET one random genre (a JSON string) and write it to its
own file new_file{i}.txt. Almost all of a task is waiting for the target."""
import json
import os

import aiofiles

from twins import events, http

TARGET_PATH = "genre"


def file_name(task):
    return f"new_file{task}.txt"


def parse_genre(body):
    try:
        genre = json.loads(body)
    except ValueError as e:
        raise ValueError(f"The genre target answered something that is not JSON: {body[:80]!r}") from e
    if not isinstance(genre, str) or not genre.strip():
        raise ValueError("The genre target answered no genre string.")
    return genre


class Genre:
    def __init__(self, parameters, environment):
        self.task_count = int(parameters.get("tasks", 5))
        self.url = http.target(environment["targetBaseUrl"], TARGET_PATH)
        self.output = environment["outputDirectory"]
        self.timeout_s = (environment.get("requestTimeoutMs") or 30000) / 1000

    def prepare(self):
        os.makedirs(self.output, exist_ok=True)
        for name in os.listdir(self.output):
            if name.startswith("new_file") and name.endswith(".txt"):
                os.remove(os.path.join(self.output, name))

    def run(self, task):
        with events.waiting():
            body = http.get(self.url, False, self.timeout_s)
        genre = parse_genre(body)
        with events.waiting(), open(os.path.join(self.output, file_name(task)), "w", encoding="utf-8") as f:
            f.write(genre)
        return genre

    async def run_async(self, task, session):
        genre = parse_genre(await http.get_async(session, self.url, False))
        async with aiofiles.open(os.path.join(self.output, file_name(task)), "w", encoding="utf-8") as f:
            await f.write(genre)
        return genre
