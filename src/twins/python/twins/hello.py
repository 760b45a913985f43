"""The tutorial's say_hello: reject a bad name, wait without blocking (or blocking), greet."""
import asyncio
import time

from twins import events


def _validate(name):
    if not isinstance(name, str):
        raise TypeError("name must be a string")
    if not name.strip():
        raise ValueError("name must not be empty")
    return name


def greeting(name):
    return f"Hello, {name}!"


def say_hello(name, delay_ms):
    """Blocking form: the calling thread sleeps."""
    _validate(name)
    with events.waiting():
        time.sleep(delay_ms / 1000)
    return greeting(name)


async def say_hello_async(name, delay_ms):
    """Async form: asyncio.sleep holds no thread."""
    _validate(name)
    await asyncio.sleep(delay_ms / 1000)
    return greeting(name)


class Hello:
    def __init__(self, parameters, environment):
        self.name = parameters.get("name", "Robert Paulson")
        self.delay_ms = int(parameters.get("delayMs", 2000))
        self.task_count = int(parameters.get("tasks", 10))

    def run(self, task):
        return say_hello(self.name, self.delay_ms)

    async def run_async(self, task, session):
        return await say_hello_async(self.name, self.delay_ms)
