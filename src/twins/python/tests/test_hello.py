import asyncio
import time

import pytest

from twins.hello import say_hello, say_hello_async


@pytest.mark.parametrize("name", ["Robert Paulson", "Seven of Nine", "x Æ a-12"])
def test_say_hello_async_waits_without_blocking_and_greets(name):
    async def two():
        return await asyncio.gather(say_hello_async(name, 200), say_hello_async(name, 200))

    started = time.monotonic()
    greetings = asyncio.run(two())
    elapsed = time.monotonic() - started
    assert greetings == [f"Hello, {name}!"] * 2
    # Two 200 ms waits overlap on one thread: together well under 400 ms of sleeping.
    assert 0.2 <= elapsed < 0.39


@pytest.mark.parametrize("bad, error", [("", ValueError), (19, TypeError), ({"a"}, TypeError), (["a"], TypeError)])
def test_say_hello_rejects_bad_names(bad, error):
    with pytest.raises(error):
        asyncio.run(say_hello_async(bad, 0))
    with pytest.raises(error):
        say_hello(bad, 0)
