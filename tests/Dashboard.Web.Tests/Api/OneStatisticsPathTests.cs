using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Bench;
using Dashboard.Web.Explain;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// One run, one set of numbers: the Engine's statistics, the live page's and Explain's figures,
/// the bench report and the API response agree on median wall, CPU and speedup.
/// </summary>
public sealed class OneStatisticsPathTests : SignedInApiTest
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    // sequential: walls 0.40 0.44 0.41 0.43 (median 0.42), CPU 0.020 0.090 0.021 0.022 (median 0.0215, mean 0.03825).
    // async: walls 0.10 0.13 0.11 and a cancelled repetition that got to 0.05 (left out: median 0.11, not 0.105).
    // Speedup = 0.42 / 0.11 = 3.8181...
    private static readonly StrategyResult[] Results =
    [
        Result(StrategyIds.Sequential, -1, 0.9, 0.5),
        Result(StrategyIds.Async, -1, 0.9, 0.5),
        Result(StrategyIds.Sequential, 0, 0.40, 0.020),
        Result(StrategyIds.Async, 0, 0.10, 0.030),
        Result(StrategyIds.Sequential, 1, 0.44, 0.090),
        Result(StrategyIds.Async, 1, 0.13, 0.031),
        Result(StrategyIds.Sequential, 2, 0.41, 0.021),
        Result(StrategyIds.Async, 2, 0.11, 0.032),
        Result(StrategyIds.Sequential, 3, 0.43, 0.022),
        Result(StrategyIds.Async, 3, 0.05, 0.001) with { Cancelled = true, TasksOk = 1 },
    ];

    [Fact]
    public async Task SameRun_EngineExplainBenchAndApi_ShowTheSameNumbers()
    {
        var engine = RunStatistics.Compute(Results).ToDictionary(s => s.Strategy);
        var figures = RunFigures.Summarize(Results).ToDictionary(f => f.Strategy);
        var bench = BenchReportBuilder.Build(BenchOptions(), new RunResult(Parameters, Results, false), Environment())
            .Strategies.ToDictionary(s => s.Name);
        var api = await ApiStatisticsAsync();

        // The figures themselves, by the one rule.
        Assert.Equal(0.42, engine[StrategyIds.Sequential].Wall!.Median, 1e-12);
        Assert.Equal(0.0215, engine[StrategyIds.Sequential].MedianCpuSeconds!.Value, 1e-12);
        Assert.Equal(0.11, engine[StrategyIds.Async].Wall!.Median, 1e-12);
        Assert.Equal(0.42 / 0.11, engine[StrategyIds.Async].Speedup!.Ratio, 1e-12);

        foreach (var strategy in new[] { StrategyIds.Sequential, StrategyIds.Async })
        {
            var e = engine[strategy];
            Assert.Equal(e.Wall!.Median, figures[strategy].MedianWallSeconds, 1e-12);
            Assert.Equal(e.MedianCpuSeconds!.Value, figures[strategy].MedianCpuSeconds, 1e-12);
            Assert.Equal(e.Speedup?.Ratio, figures[strategy].Speedup);
            Assert.Equal(e.TasksOk, figures[strategy].TasksOk);

            // The bench rounds to the microsecond.
            Assert.Equal(e.Wall.Median, bench[strategy].MedianSeconds, 1e-6);
            Assert.Equal(e.MedianCpuSeconds.Value, bench[strategy].CpuSeconds, 1e-6);
            Assert.Equal(e.TasksOk, bench[strategy].TasksOk);

            var a = api[strategy];
            Assert.Equal(e.Wall.Median, a.GetProperty("wall").GetProperty("median").GetDouble(), 1e-12);
            Assert.Equal(e.MedianCpuSeconds.Value, a.GetProperty("medianCpuSeconds").GetDouble(), 1e-12);
            Assert.Equal(e.TasksOk, a.GetProperty("tasksOk").GetInt32());
        }

        Assert.Equal(
            engine[StrategyIds.Async].Speedup!.Ratio,
            api[StrategyIds.Async].GetProperty("speedup").GetProperty("ratio").GetDouble(),
            1e-12);
        var benchSpeedup = bench[StrategyIds.Sequential].MedianSeconds / bench[StrategyIds.Async].MedianSeconds;
        Assert.Equal(engine[StrategyIds.Async].Speedup!.Ratio, benchSpeedup, 1e-4);
        Assert.Contains("x3.82", BenchTableFormatter.Format(
            BenchReportBuilder.Build(BenchOptions(), new RunResult(Parameters, Results, false), Environment())), StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, JsonElement>> ApiStatisticsAsync()
    {
        var run = new RunSummary(
            1, "one path", new RunPlan(Parameters, [StrategyIds.Sequential, StrategyIds.Async], Repeat: 4, Warmup: 1),
            RunState.Completed, null, Created, Created, Created.AddSeconds(5), null, Results);
        var document = RunJson.Serialize(RunDocument.Create(run, null, Created));
        using var response = await Client.PostAsync("/api/runs/import", Json(document));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetInt64();
        var details = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
        return details.GetProperty("statistics").EnumerateArray()
            .ToDictionary(s => s.GetProperty("strategy").GetString()!);
    }

    private static HelloParameters Parameters => new(Tasks: 2, DelayMs: 100);

    private static BenchOptions BenchOptions() => new(
        Parameters, [StrategyIds.Sequential, StrategyIds.Async], 4, 1, new StrategyOptions(), null, null, null, null, false);

    private static BenchEnvironment Environment() =>
        new("linux", ".NET", 2, "cpu", "workstation", null, "http://127.0.0.1:1/sim/", null);

    private static StrategyResult Result(string strategy, int repetition, double wall, double cpu) =>
        new(strategy, repetition, wall, cpu, 1, 2, 0, "ok", 1_000, []);
}
