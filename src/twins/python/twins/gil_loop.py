"""The GIL lesson: each task adds up 1..steps in a pure-Python loop.

CPython runs Python code on one thread at a time (the global interpreter lock), so threads on this
loop take turns on one core; processes each have their own interpreter and lock. Each task reports
"sum=N", exactly what the .NET workload reports.
"""


def count(steps):
    total = 0
    for k in range(1, steps + 1):
        total += k
    return f"sum={total}"


class GilLoop:
    def __init__(self, parameters, environment):
        self.steps = int(parameters.get("steps", 2_000_000))
        self.task_count = int(parameters.get("tasks", 4))

    def run(self, task):
        return count(self.steps)

    async def run_async(self, task, session):
        # Awaiting a loop frees nothing: the event loop's one thread runs it to the end.
        return count(self.steps)
