import asyncio
import time

import pytest

from twins.hello import say_hello, say_hello_async


@pytest.mark.parametrize("name", ["Robert Paulson", "Seven of Nine", "x Æ a-12"])
def test_say_hello_async_waits_without_blocking_and_greets(name):
    async def timed():
        began = time.monotonic()
        greeting = await say_hello_async(name, 200)
        return greeting, began, time.monotonic()

    async def two():
        return await asyncio.gather(timed(), timed())

    results = asyncio.run(two())
    assert [greeting for greeting, _, _ in results] == [f"Hello, {name}!"] * 2
    assert all(end - began >= 0.2 for _, began, end in results)
    # Two 200 ms waits overlap on one thread: the second starts before the first ends (a wait
    # that blocked the thread would end before the other began). How long they took together is
    # the machine's business.
    assert max(began for _, began, _ in results) < min(end for _, _, end in results)


@pytest.mark.parametrize("bad, error", [("", ValueError), (19, TypeError), ({"a"}, TypeError), (["a"], TypeError)])
def test_say_hello_rejects_bad_names(bad, error):
    with pytest.raises(error):
        asyncio.run(say_hello_async(bad, 0))
    with pytest.raises(error):
        say_hello(bad, 0)
