using Dashboard.Engine.Running;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Running;

/// <summary>The most tasks in flight at once, from spans: what bytes per task divides by.</summary>
public sealed class MaxInFlightTests
{
    private static readonly Lane Lane = new(1, 1);

    [Fact]
    public void MaxInFlight_TouchingSpansDoNotOverlap_EmptySpansDoNotCount()
    {
        TaskSpan[] spans =
        [
            new(0, Lane, 0.0, 1.0, TaskStatus.Ok),
            new(1, Lane, 0.5, 1.0, TaskStatus.Ok),
            new(2, Lane, 0.5, 1.5, TaskStatus.Ok),
            new(3, Lane, 1.0, 2.0, TaskStatus.Ok), // starts as 0 and 1 end
            new(4, Lane, 1.2, 1.2, TaskStatus.Cancelled), // no length: never in flight
            new(5, Lane, 3.0, 4.0, TaskStatus.Ok),
        ];

        Assert.Equal(3, StrategyResult.MaxInFlight(spans));
        Assert.Equal(3, StrategyResult.MaxInFlight(spans.Reverse()));
        Assert.Equal(0, StrategyResult.MaxInFlight([]));
    }

    [Fact]
    public void MaxInFlight_AllAtOnce_EveryTask()
    {
        var spans = Enumerable.Range(0, 10_000).Select(i => new TaskSpan(i, Lane, i * 1e-6, 10 + (i * 1e-6), TaskStatus.Ok));

        Assert.Equal(10_000, StrategyResult.MaxInFlight(spans));
    }
}
