from twins.gil_loop import GilLoop, count


def test_count_reports_the_sum_the_dotnet_workload_reports():
    assert count(1) == "sum=1"
    assert count(100) == "sum=5050"
    assert count(2_000_000) == f"sum={2_000_000 * 2_000_001 // 2}"


def test_every_task_of_a_job_counts_the_same_steps():
    loop = GilLoop({"steps": 10, "tasks": 3}, {})
    assert loop.task_count == 3
    assert [loop.run(t) for t in range(3)] == ["sum=55"] * 3
