using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Lessons;

/// <summary>
/// The GIL lesson for real: the pure-Python loop in a real python3 on Python threads fires
/// <c>gil-bound</c>; the same plan on Python processes and on .NET threads does not. Runs alone
/// (after the parallel tests): the finding weighs how much of a core the interpreter got, and the
/// tests beside it in this process took cores from it (CI G: no finding under the suite's own load).
/// </summary>
[Collection(StarvationCollection.Name)]
public sealed class GilLoopLessonTests(SimTargetsFixture sim) : IDisposable
{
    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GilLoop_PythonThreads_GilBoundFires_PythonProcessesAndDotnetThreadsSilent()
    {
        // Four loops at once: the threads are in flight together for the whole task phase whatever
        // the load (the GIL hands turns every 5 ms), and each task spends its time computing or ready.
        var loops = new GilLoopParameters(Tasks: 4, Steps: 2_000_000);
        var plan = new RunPlan(loops, [StrategyIds.Threads, StrategyIds.Processes], Runtime: LabRuntime.Both);
        var (_, result) = await RunHarness.CompleteAsync(new LabRunner(new LabRunnerOptions { BackgroundPriority = false })
            .Start(plan, sim.Environment(_harness.OutputDirectory), CancellationToken.None));

        Assert.Equal(4, result.Results.Count);
        Assert.All(result.Results, r => Assert.Equal((r.Strategy, 4, "ok"), (r.Strategy, r.TasksOk, r.OutputCheck)));
        var findings = FindingCatalog.Run(FindingInput.Create(loops, plan.Options ?? new StrategyOptions(), Environment.ProcessorCount, result.Results));

        var gil = Assert.Single(findings, f => f.Id == FindingIds.GilBound);
        Assert.Equal((StrategyIds.Threads, PythonTwins.PythonRuntime), (gil.Strategy, gil.Runtime));
        Assert.True(gil.Figures["inFlight"] >= GilBoundFinder.MinInFlight, $"{gil.Figures["inFlight"]} in flight");
        Assert.True(gil.Figures["cores"] <= GilBoundFinder.MaxCores, $"{gil.Figures["cores"]} cores");
    }
}
