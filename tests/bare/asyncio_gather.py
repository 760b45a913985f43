"""The bare Python program of the million-task experiment: N coroutines
that each asyncio.sleep(S), gathered. Prints one JSON line:
tasks and wall seconds.
Run: python3 asyncio_gather.py N S"""
import asyncio
import json
import sys
import time


async def main(n: int, seconds: float) -> None:
    await asyncio.gather(*(asyncio.sleep(seconds) for _ in range(n)))


if __name__ == "__main__":
    n, seconds = int(sys.argv[1]), float(sys.argv[2])
    start = time.perf_counter()
    asyncio.run(main(n, seconds))
    print(json.dumps({"program": "python-asyncio", "tasks": n,
                      "wall": round(time.perf_counter() - start, 3)}))
