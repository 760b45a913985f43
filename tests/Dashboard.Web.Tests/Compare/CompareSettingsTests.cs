using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Compare;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Components;

namespace Dashboard.Web.Tests.Compare;

public sealed class CompareSettingsTests
{
    private static RunView View(long id, RunPlan plan, string latencyMs) => new(
        TestRuns.Summary(id, plan, RunState.Completed),
        new RunEnvironment("Linux", "10.0", 2, "cpu", "workstation", false, true, "gmp 6.3.0", "http://127.0.0.1/",
            new Dictionary<string, string> { ["genreLatencyMs"] = latencyMs, ["jitterMs"] = "0" }),
        false, 0, 0, false, false);

    [Fact]
    public void Differences_LatencyAndTasksDiffer_NamesOnlyThoseWithEachRunsValue()
    {
        var runs = new[]
        {
            View(1, TestRuns.Plan(new GenreParameters(Tasks: 20)), "280"),
            View(2, TestRuns.Plan(new GenreParameters(Tasks: 8)), "80"),
        };

        var differences = CompareSettings.Differences(runs);

        Assert.Equal(2, differences.Count);
        Assert.Contains("genre latency: 280 ms vs 80 ms", differences);
        Assert.Contains(differences, d => d.EndsWith(": 20 vs 8", StringComparison.Ordinal));
    }

    [Fact]
    public void Differences_SameSettings_Empty()
    {
        var plan = TestRuns.Plan(new GenreParameters(Tasks: 8));

        Assert.Empty(CompareSettings.Differences([View(1, plan, "280"), View(2, plan, "280")]));
    }

    [Fact]
    public void Differences_RepeatDiffers_SaysRepetitions()
    {
        var plan = TestRuns.Plan(new GenreParameters(Tasks: 8));

        var difference = Assert.Single(CompareSettings.Differences([View(1, plan with { Repeat = 3 }, "280"), View(2, plan, "280")]));

        Assert.Equal("repetitions: 3 vs 1", difference);
    }
}
