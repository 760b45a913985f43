using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>Memory per task (working set above the repetition's start ÷ tasks in flight) rides the live counters.</summary>
public sealed class MemoryPerTaskTests
{
    [Fact]
    public async Task LiveCounters_TwentyThousandSleepingAsyncTasks_PositiveMemoryPerTaskWhileInFlight()
    {
        await using var factory = new DashboardFactory();
        factory.StartServer();
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var queue = factory.Services.GetRequiredService<IRunQueue>();

        // 20,000 tasks asleep together for 2 s: the counters see them all in flight.
        var summary = queue.Enqueue(HelloPlan(tasks: 20_000, delayMs: 2_000, "async"));
        var messages = await CollectAsync(factory.Services.GetRequiredService<IRunFeed>().WatchAsync(summary.Id, ct), ct);

        var live = Flatten(messages).Where(e => e.Counters is { TasksInFlight: > 0 }).Select(e => e.Counters!).ToList();
        Assert.NotEmpty(live);
        // How many are in flight at once depends on how fast a busy machine starts them: hundreds at least.
        Assert.True(live.Any(s => s.TasksInFlight >= 100 && s.BytesPerTask > 0),
            string.Join(" ", live.Select(s => $"{s.T:0.00}:{s.TasksInFlight}/{s.BytesPerTask:0}/{s.WorkingSetMb:0.0}")));
        Assert.All(live, s => Assert.True(s.BytesPerTask >= 0));

        // The stored result keeps them too (exports read it).
        var result = Assert.Single(queue.Find(summary.Id)!.Results);
        Assert.Contains(result.Counters!, s => s.BytesPerTask > 0);
    }

    [Fact]
    public async Task CounterStrip_SamplesWithMemoryPerTask_HeadShowsTheLatest()
    {
        await using var ctx = new ComponentTestContext();
        var first = new CounterSample(0.1, 7, 10, 8, 2, 20, 4, 0, 0, 1, 100) { TasksInFlight = 5_000, BytesPerTask = 2_048 };
        var second = first with { T = 0.2, TasksInFlight = 10_000, BytesPerTask = 1_536 };

        var cut = ctx.Render<CounterStrip>(p => p.Add(x => x.Strategy, "async").Add(x => x.Samples, [first, second]));

        Assert.Equal("memory per task 1.5 KB (10,000 in flight)", cut.Find("[data-test=memory-per-task-async]").TextContent.Trim());
    }

    [Fact]
    public async Task CounterStrip_OneTaskInFlight_ShowsTheGrowthNotAPerTaskFigure()
    {
        await using var ctx = new ComponentTestContext();
        var sample = new CounterSample(0.1, 7, 10, 8, 2, 20, 4, 0, 0, 1, 100) { TasksInFlight = 1, BytesPerTask = 45.6 * 1024 * 1024 };

        var cut = ctx.Render<CounterStrip>(p => p.Add(x => x.Strategy, "sequential").Add(x => x.Samples, [sample]));

        // One sequential greeting does not hold 45.6 MB: the process grew by that much while it ran.
        Assert.Equal("memory +45.6 MB since the start (1 in flight: too few to divide)",
            cut.Find("[data-test=memory-per-task-sequential]").TextContent.Trim());
    }
}
