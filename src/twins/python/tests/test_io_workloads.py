import os

import pytest

from tests.conftest import run_job, task_events
from twins.scrape import parse_title

STRATEGIES = ["sequential", "threads", "threadpool", "async", "processes", "async-processes"]


def job(workload, strategy, targets, out, count):
    size = {"genre": {"tasks": count}, "scrape": {"pages": count}}[workload]
    return {"parameters": dict(size, workload=workload),
            "environment": {"targetBaseUrl": targets, "outputDirectory": str(out), "requestTimeoutMs": 10_000},
            "strategy": strategy, "threadPoolSize": 3, "processCount": 2}


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_genre_writes_each_fetched_genre_to_its_own_file(strategy, targets, tmp_path):
    events = task_events(run_job(job("genre", strategy, targets, tmp_path, 7)))
    completed = {e["task"]: e["detail"] for e in events if e["kind"] == "Completed"}
    assert sorted(completed) == list(range(7))
    assert sorted(os.listdir(tmp_path)) == sorted(f"new_file{i}.txt" for i in range(7))
    for task, genre in completed.items():
        assert genre.startswith("byzantine motown ")
        assert (tmp_path / f"new_file{task}.txt").read_text(encoding="utf-8") == genre


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_scrape_follows_the_redirect_and_appends_every_title_once(strategy, targets, tmp_path):
    events = task_events(run_job(job("scrape", strategy, targets, tmp_path, 9)))
    titles = [e["detail"] for e in events if e["kind"] == "Completed"]
    assert len(titles) == 9
    text = (tmp_path / "wiki_titles.tsv").read_text(encoding="utf-8")
    assert text.endswith("\t")
    assert sorted(text.split("\t")[:-1]) == sorted(titles)
    assert all(t.startswith("Page ") for t in titles)  # the tab inside the h1 became a space


def test_a_target_error_fails_the_task_with_the_status(targets, tmp_path):
    bad = job("genre", "sequential", targets + "missing/", tmp_path, 2)
    events = task_events(run_job(bad))
    failed = [e for e in events if e["kind"] == "Failed"]
    assert len(failed) == 2 and all("HTTP 404" in e["detail"] for e in failed)


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("workload", ["genre", "scrape"])
def test_every_request_carries_the_runs_capability(workload, strategy, locked_targets, tmp_path):
    url, capability = locked_targets
    given = job(workload, strategy, url, tmp_path, 5)
    given["environment"]["targetCapability"] = capability
    events = task_events(run_job(given))
    assert sorted(e["task"] for e in events if e["kind"] == "Completed") == list(range(5))


@pytest.mark.parametrize("workload", ["genre", "scrape"])
def test_without_the_capability_the_locked_targets_refuse_every_task(workload, locked_targets, tmp_path):
    url, _ = locked_targets
    events = task_events(run_job(job(workload, "async", url, tmp_path, 3)))
    failed = [e for e in events if e["kind"] == "Failed"]
    assert len(failed) == 3 and all("HTTP 401" in e["detail"] for e in failed)


def test_the_capability_never_goes_to_real_targets(monkeypatch):
    from twins import http
    monkeypatch.setattr(http, "_policy", None)
    http.configure({"targetBaseUrl": "https://example.org/", "targetCapability": "secret",
                    "policy": {"allowedHosts": ["example.org"], "userAgent": "ua"}})
    try:
        assert http.CAPABILITY_HEADER not in http._headers()
    finally:
        http.configure({"targetBaseUrl": "http://127.0.0.1/"})


def test_parse_title_takes_the_first_h1():
    assert parse_title(b"<h1>One</h1><h1>Two</h1>") == "One"
    with pytest.raises(ValueError):
        parse_title(b"<p>no heading</p>")
