"""Python twins of the tutorial's programs, run by the dashboard beside its .NET strategies.

One module per workload (hello, genre, scrape, power), the strategies that run a workload's
tasks (strategies), the events they report (events) and the runner the Engine starts (runner).
"""
