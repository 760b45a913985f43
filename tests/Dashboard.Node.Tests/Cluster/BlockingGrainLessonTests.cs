using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Node.Tests.Fixtures;
using Xunit.Abstractions;

namespace Dashboard.Node.Tests.Cluster;

/// <summary>
/// The blocking-grain lesson on two real node processes: its grains block inside their turns, each
/// node's grain call filter reports every such turn with the task's outcome, and the named warning
/// fires on it alone; the healthy cluster on the same nodes and plan stays silent.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class BlockingGrainLessonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BlockingGrain_SixteenSleepsInTheTurn_EveryTurnReportedAndTheWarningFiresOnItAlone()
    {
        using var timeout = new CancellationTokenSource(LabRuns.RunTimeout);
        await using var cluster = LabRuns.Connect(nodes: 2);
        var hello = new HelloParameters(Tasks: 16, DelayMs: 500);
        var plan = new RunPlan(hello, [StrategyIds.Cluster, StrategyIds.BlockingGrain]);

        var (result, _) = await LabRuns.RunAsync(cluster, plan, timeout.Token);

        Assert.All(result.Results, r => Assert.True(r.TasksOk == 16 && r.OutputCheck == "ok", $"{r.Strategy}: {LabRuns.Reasons(r)}"));
        var healthy = result.Results.Single(r => r.Strategy == StrategyIds.Cluster);
        var blocking = result.Results.Single(r => r.Strategy == StrategyIds.BlockingGrain);
        output.WriteLine($"cluster: wall {healthy.WallSeconds:0.00} s, {healthy.MaxInFlight()} at once, long turns {healthy.RuntimeEvents?.LongTurns}");
        output.WriteLine($"blocking-grain: wall {blocking.WallSeconds:0.00} s, {blocking.MaxInFlight()} at once, long turns {blocking.RuntimeEvents?.LongTurns} " +
            $"({blocking.RuntimeEvents?.LongTurnSeconds:0.00} s, longest {blocking.RuntimeEvents?.LongestTurnSeconds:0.000} s)");

        // Each of the 16 sleeps of 0.5 s ran inside its call's first turn, so every turn was long and
        // at least its sleep; both nodes ran some.
        var events = Assert.IsType<RuntimeEvents>(blocking.RuntimeEvents);
        Assert.Equal(16, events.LongTurns);
        Assert.True(events.LongTurnSeconds >= 16 * 0.5, $"{events.LongTurnSeconds} s of long turns");
        Assert.True(events.LongestTurnSeconds >= 0.5, $"longest turn {events.LongestTurnSeconds} s");
        Assert.Equal(2, blocking.Spans.Select(s => s.Node).Distinct().Count());

        var findings = FindingCatalog.Run(FindingInput.Create(hello, new StrategyOptions(), Environment.ProcessorCount, result.Results, 0.5));
        var finding = Assert.Single(findings, f => f.Id == FindingIds.BlockingGrain);
        Assert.Equal(StrategyIds.BlockingGrain, finding.Strategy);
        Assert.Equal(16, finding.Figures["longTurns"]);
        Assert.Contains("16 of 16 tasks blocked inside their grain's turn", finding.Text, StringComparison.Ordinal);
    }
}
