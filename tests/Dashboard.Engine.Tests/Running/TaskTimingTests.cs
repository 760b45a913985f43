using Dashboard.Engine.Running;

namespace Dashboard.Engine.Tests.Running;

/// <summary>A task's measured timing kept within its span: clocks and counters are read a little outside it.</summary>
public sealed class TaskTimingTests
{
    [Fact]
    public void Within_CpuAndReadyOverTheSpan_CappedSoTogetherTheyFillItAtMost()
    {
        Assert.Equal((0.5, 0.0), Pick(new TaskTiming(0.7, 0.2).Within(0.5)));
        Assert.Equal((0.3, 0.2), Pick(new TaskTiming(0.3, 0.4).Within(0.5)));
        Assert.Equal((0.1, 0.05), Pick(new TaskTiming(0.1, 0.05).Within(0.5)));
        Assert.Equal((null, null), Pick(new TaskTiming(null, null).Within(0.5)));
        Assert.Equal((0.0, 0.0), Pick(new TaskTiming(0.1, 0.1).Within(-1)));
    }

    [Fact]
    public void SegmentsFrom_SegmentsOpeningBeforeAndClosingAfterTheSpan_ClippedToIt()
    {
        long At(double seconds) => (long)(seconds * MonotonicClock.Frequency);
        var timing = new TaskTiming(0.1, 0, [(7, At(0.95), At(1.2)), (9, At(1.5), At(2.3))]);

        var segments = timing.SegmentsFrom(At(0), 1.0, 2.0);

        Assert.Equal([new TaskSegment(7, 1.0, 1.2), new TaskSegment(9, 1.5, 2.0)], segments);
    }

    [Fact]
    public void SegmentsFrom_OneThreadOnly_Null()
    {
        var timing = new TaskTiming(0.1, 0, [(7, 0, 10), (7, 20, 30)]);

        Assert.Null(timing.SegmentsFrom(0, 0, 1));
    }

    private static (double? Cpu, double? Ready) Pick(TaskTiming timing) => (timing.Cpu, timing.Ready);
}
