using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Tests.Workloads;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Faults;

/// <summary>
/// The HTTP workloads' request timeout comes with the <see cref="WorkloadEnvironment"/>, so a
/// worker process applies the same limit as the parent.
/// </summary>
[Collection(SimTargetsCollection.Name)]
public sealed class RequestTimeoutTests(SimTargetsFixture sim) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        sim.SetKnobs(k => k);
        _dir.Dispose();
    }

    [Fact]
    public void WorkerJob_EnvironmentWithRequestTimeout_RoundTripsThroughTheWorkerProtocol()
    {
        var job = new WorkerJob(new GenreParameters(2), new WorkloadEnvironment("http://127.0.0.1:9/sim/", _dir.Path, 750),
            WorkerMode.Async, [0, 1], null, StrategyIds.AsyncProcesses, 0, false);

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(job, WorkerJson.Job), WorkerJson.Job)!;

        Assert.Equal(750, back.Environment.RequestTimeoutMs);
        Assert.Equal(TimeSpan.FromMilliseconds(750), back.Environment.RequestTimeout);
    }

    [Fact]
    public void Environment_NoRequestTimeout_IsThirtySeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), new WorkloadEnvironment("http://127.0.0.1:9/sim/", _dir.Path).RequestTimeout);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(WorkloadEnvironment.MaxRequestTimeoutMs + 1)]
    public void Validate_RequestTimeoutOutOfRange_NamesTheField(int timeoutMs)
    {
        var errors = WorkloadFactory.Validate(new GenreParameters(), sim.Environment(_dir.Path, timeoutMs));

        Assert.Equal(["requestTimeoutMs"], errors.Keys);
    }

    [Fact]
    public void LabRunner_RequestTimeoutNotPositive_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabRunner(new LabRunnerOptions { RequestTimeout = TimeSpan.Zero }));

    [Fact]
    public async Task Genre_TargetSlowerThanRunnerTimeout_EveryTaskInAndOutOfWorkersFailsWithTimeout()
    {
        sim.SetKnobs(k => k with { GenreLatencyMs = 5_000 });
        var runner = new LabRunner(new LabRunnerOptions
        {
            RequestTimeout = TimeSpan.FromMilliseconds(500),
            GracePeriod = TimeSpan.FromMilliseconds(500),
            BackgroundPriority = false,
        });
        string[] strategies = [StrategyIds.Async, StrategyIds.AsyncProcesses];
        var plan = new RunPlan(new GenreParameters(2), strategies, Options: new StrategyOptions(ProcessCount: 2));

        var run = runner.Start(plan, sim.Environment(_dir.Path), CancellationToken.None);
        await foreach (var _ in run.Events.WithCancellation(CancellationToken.None))
        {
            // Drained so the run is never held back by an unread stream.
        }

        var result = await run.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(strategies, result.Results.Select(r => r.Strategy));
        Assert.All(result.Results, r =>
        {
            Assert.Equal((0, 2), (r.TasksOk, r.TasksFailed));
            Assert.All(r.Spans, s => Assert.Contains("within 0.5 s (timeout)", s.Detail, StringComparison.Ordinal));
        });
    }
}
