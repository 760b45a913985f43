"""The tutorial's CPU-bound job: i**i with Python's own big integers.

Each task reports "bits=N;sha256=X": the bit length and the first 16 hex digits of SHA-256
over the result's little-endian unsigned bytes, exactly what the .NET power workload reports,
so the two runtimes' outputs can be compared digit for digit.
"""
import hashlib

HEX_DIGITS = 16


def summary(value):
    bits = value.bit_length()
    data = value.to_bytes((bits + 7) // 8, "little")
    digest = hashlib.sha256(data).hexdigest()[:HEX_DIGITS]
    return f"bits={bits};sha256={digest}"


def power(i):
    return summary(pow(i, i))


class Power:
    def __init__(self, parameters, environment):
        self.start = int(parameters.get("start", 1_000_000))
        self.task_count = int(parameters.get("count", 16))

    def run(self, task):
        return power(self.start + task)

    async def run_async(self, task, session):
        # Awaiting CPU-bound work frees nothing: the async strategy is as slow as sequential.
        return power(self.start + task)
