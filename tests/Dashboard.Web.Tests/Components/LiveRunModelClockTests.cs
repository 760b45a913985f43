using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// A strategy's clock on the race is its own running time: with interleaved repetitions (each
/// strategy's first, then each one's second), the time other strategies ran in between is not its own.
/// </summary>
public sealed class LiveRunModelClockTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Elapsed_InterleavedRepetitions_SumsOnlyItsOwnRepetitions()
    {
        var plan = TestRuns.Plan(new HelloParameters(2, "Ada", 10), StrategyIds.Sequential, StrategyIds.Async) with { Repeat = 2 };
        var model = new LiveRunModel(TestRuns.Summary(1, plan, RunState.Running));

        // sequential 0-400 ms, async 400-500 ms, sequential again from 500 ms.
        model.Apply(Batch(Started(1, StrategyIds.Sequential, 0, 0), Ended(2, StrategyIds.Sequential, 0, 400)));
        model.Apply(Batch(Started(3, StrategyIds.Async, 0, 400), Ended(4, StrategyIds.Async, 0, 500)));
        model.Apply(Batch(Started(5, StrategyIds.Sequential, 1, 500)));

        // Waiting async: its one repetition (100 ms), not the 300 ms since its start.
        Assert.Equal(TimeSpan.FromMilliseconds(100), model[StrategyIds.Async].Elapsed(Epoch.AddMilliseconds(700)));

        // Running sequential: 400 ms before, plus 200 ms of the repetition under way.
        Assert.Equal(TimeSpan.FromMilliseconds(600), model[StrategyIds.Sequential].Elapsed(Epoch.AddMilliseconds(700)));

        model.Apply(Batch(Ended(6, StrategyIds.Sequential, 1, 800)));
        Assert.Equal(TimeSpan.FromMilliseconds(700), model[StrategyIds.Sequential].Elapsed(Epoch.AddMilliseconds(5_000)));
    }

    private static RunFeedBatch Batch(params WireEvent[] events) => new(1, events, null);

    private static WireEvent Started(long seq, string strategy, int repetition, double wallMs) =>
        new(seq, "strategy-started", strategy, repetition, -1, null, 0, wallMs, null, null, TaskCount: 2);

    private static WireEvent Ended(long seq, string strategy, int repetition, double wallMs) =>
        new(seq, "strategy-completed", strategy, repetition, -1, null, 0, wallMs, null, null);
}
