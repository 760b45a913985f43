using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Tests.Faults;

/// <summary>
/// The simulated targets misbehave (errors, a rate limit, answers slower than the client waits):
/// every task still ends exactly once, failures say why, and the run ends.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class TargetFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static TheoryData<string> Workloads => new() { GenreParameters.WorkloadId, ScrapeParameters.WorkloadId };

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task FailureRateTenPercent_EveryStrategy_FailedTasksNameHttp500RunCompletes(string workload) =>
        // 7 x 30 requests at 10 %: no failure at all has a chance of 0.9^210, about 1e-10.
        await AssertSomeTasksFailWithAsync(workload, new SimulationKnobsUpdate(FailureRate: 0.1), tasks: 30, "HTTP 500");

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task RateLimited_EveryStrategy_FailedTasksNameHttp429RunCompletes(string workload) =>
        // 20 tasks at once (threads, async) against 5 requests a second: most are refused.
        await AssertSomeTasksFailWithAsync(workload, new SimulationKnobsUpdate(RateLimitPerSecond: 5), tasks: 20, "HTTP 429");

    /// <summary>Every strategy over faulty targets: the run completes, some tasks fail naming <paramref name="reason"/>, some succeed.</summary>
    private static async Task AssertSomeTasksFailWithAsync(string workload, SimulationKnobsUpdate knobs, int tasks, string reason)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var app = FaultApp.Start();
        SetKnobs(app, knobs);

        var run = await app.RunToEndAsync(Plan(workload, tasks, StrategyCatalog.DefaultIds), null, timeout.Token);

        AssertEnded(run, tasks, StrategyCatalog.DefaultIds);
        var failures = run.Terminal.Where(e => e.Kind == "failed").ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Contains(reason, f.Detail, StringComparison.Ordinal));
        Assert.Contains(run.Terminal, e => e.Kind == "completed");
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task SlowerThanRequestTimeout_EveryStrategy_EveryTaskFailsWithTimeoutRunCompletes(string workload)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var app = FaultApp.Start(requestTimeout: TimeSpan.FromSeconds(1));
        SetKnobs(app, new SimulationKnobsUpdate(GenreLatencyMs: 5_000, PageLatencyMs: 5_000));
        const int tasks = 3;

        // Strategies that run the 3 tasks at once, so the run takes about one timeout per strategy;
        // sequential and parallel would only repeat the same blocking path more slowly.
        string[] strategies = [StrategyIds.Threads, StrategyIds.ThreadPool, StrategyIds.Async, StrategyIds.Processes, StrategyIds.AsyncProcesses];
        var run = await app.RunToEndAsync(Plan(workload, tasks, strategies), null, timeout.Token);

        AssertEnded(run, tasks, strategies);
        Assert.All(run.Summary.Results, r => Assert.Equal((0, tasks), (r.TasksOk, r.TasksFailed)));
        Assert.All(run.Terminal, e =>
        {
            Assert.Equal("failed", e.Kind);
            Assert.Contains("within 1 s (timeout)", e.Detail, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task TargetDown_EveryStrategy_EveryTaskFailsNamingTheRefusedConnectionRunCompletes(string workload)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await using var app = FaultApp.Start(targetBaseUrl: $"http://127.0.0.1:{ClosedLoopbackPort()}/sim/");
        const int tasks = 6;

        var run = await app.RunToEndAsync(Plan(workload, tasks, StrategyCatalog.DefaultIds), null, timeout.Token);

        AssertEnded(run, tasks, StrategyCatalog.DefaultIds);
        Assert.All(run.Summary.Results, r => Assert.Equal((0, tasks), (r.TasksOk, r.TasksFailed)));
        Assert.All(run.Terminal, e =>
        {
            Assert.Equal("failed", e.Kind);
            Assert.Contains("GET /sim/", e.Detail, StringComparison.Ordinal);
            Assert.Contains("Connection refused", e.Detail, StringComparison.Ordinal);
        });
    }

    /// <summary>A loopback port nothing listens on: one the OS just gave out and we closed again.</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static RunPlan Plan(string workload, int tasks, IReadOnlyList<string> strategies)
    {
        WorkloadParameters parameters = workload == GenreParameters.WorkloadId
            ? new GenreParameters(tasks)
            : new ScrapeParameters(tasks);

        // As many workers as tasks in the timeout case (each waits out one timeout at once); capped at 3.
        return new RunPlan(parameters, strategies, Options: new StrategyOptions(ProcessCount: Math.Min(tasks, 3)));
    }

    /// <summary>Fast, small answers unless the test's own knobs say otherwise.</summary>
    private static void SetKnobs(FaultApp app, SimulationKnobsUpdate faults) =>
        app.Knobs.Update(current => faults.ApplyTo(current with
        {
            GenreLatencyMs = 10,
            PageLatencyMs = 10,
            JitterMs = 0,
            PageSizeKb = 8,
        }));

    private static void AssertEnded(WatchedRun run, int tasks, IReadOnlyList<string> strategies)
    {
        Assert.Equal(RunState.Completed, run.Summary.State);
        Assert.Null(run.Summary.Error);
        Assert.Equal(strategies, run.Summary.Results.Select(r => r.Strategy));
        Assert.All(run.Summary.Results, r => Assert.False(r.Cancelled));
        RunAssert.EveryTaskAccountedFor(run, tasks);
    }
}
