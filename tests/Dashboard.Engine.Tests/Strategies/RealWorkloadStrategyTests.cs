using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>Every strategy runs the real hello and power workloads (in process and in workers).</summary>
public sealed class RealWorkloadStrategyTests : IDisposable
{
    private readonly RunHarness _harness = new();

    public static TheoryData<string> AllStrategies => [.. StrategyCatalog.DefaultIds];

    [Theory]
    [MemberData(nameof(AllStrategies))]
    public async Task Run_Hello_GreetsOncePerTaskAndChecksOk(string strategy)
    {
        var (events, result) = await _harness.RunAsync(new LabRunner(),
            new RunPlan(new HelloParameters(9, "Robert Paulson", 30), [strategy], Options: new StrategyOptions(ProcessCount: 2)));

        var r = Assert.Single(result.Results);
        Assert.Equal((9, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
        var completed = events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Completed).ToList();
        Assert.Equal(Enumerable.Range(0, 9), completed.Select(e => e.Task).Order());
        Assert.All(completed, e => Assert.Equal("Hello, Robert Paulson!", e.Detail));
    }

    [Theory]
    [MemberData(nameof(AllStrategies))]
    public async Task Run_PowerBothEngines_EveryTaskOkAndSameOutputs(string strategy)
    {
        var outputs = new List<IReadOnlyList<string?>>();
        foreach (var engine in new[] { PowerEngine.Managed, PowerEngine.Gmp })
        {
            var (events, result) = await _harness.RunAsync(new LabRunner(),
                new RunPlan(new PowerParameters(3_000, 5, engine), [strategy], Options: new StrategyOptions(ProcessCount: 2)));

            var r = Assert.Single(result.Results);
            Assert.Equal((5, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck));
            outputs.Add(events.OfType<TaskEvent>().Where(e => e.Kind == TaskEventKind.Completed).OrderBy(e => e.Task).Select(e => e.Detail).ToList());
        }

        Assert.Equal(outputs[0], outputs[1]);
    }

    public void Dispose() => _harness.Dispose();
}
