using System.Threading.Channels;
using Dashboard.Engine.Running;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// A large repetition's spans are a view of the recorder's tasks, made as they are read: the same
/// spans, in task order, as the list a small repetition gets, and the same figures at every read.
/// </summary>
public sealed class RecordedSpansTests
{
    private const int Large = RecordedSpans.KeptWholeUpTo + 5;

    [Fact]
    public void Spans_LargeRepetitionAllEnded_ViewInTaskOrderWithEveryTasksFigures()
    {
        var origin = MonotonicClock.Now;
        var recorder = Finished(Large, origin);

        var spans = recorder.Spans();

        Assert.IsType<RecordedSpans>(spans);
        Assert.Equal(Large, spans.Count);
        Assert.Equal(Enumerable.Range(0, Large), spans.Select(s => s.Task));
        var last = spans[Large - 1];
        Assert.Equal(Large - 1, last.Task);
        Assert.Equal(MonotonicClock.Seconds(origin, origin + 10 + (Large - 1)), last.Start, precision: 12);
        Assert.Equal(MonotonicClock.Seconds(origin, origin + 1_000_000 + (Large - 1)), last.End, precision: 12);
        Assert.Equal((Large - 1) % 2 == 0 ? TaskStatus.Failed : TaskStatus.Ok, last.Status);
        Assert.Equal([7, 8], last.Threads!);
        Assert.Equal((Large + 1) / 2, spans.Count(s => s.Status == TaskStatus.Failed));
        Assert.Equal("boom", spans[0].Error);
        Assert.Equal("hi", spans[1].Detail);
    }

    [Fact]
    public void Spans_ReadTwiceAfterMoreCpuArrives_SameFigures()
    {
        var recorder = new TaskRecorder(Channel.CreateUnbounded<LabEvent>().Writer, "async", 0, Large, MonotonicClock.Now);
        var lane = new Lane(Environment.ProcessId, 7);
        for (var i = 0; i < Large; i++)
        {
            recorder.Started(i, lane, MonotonicClock.Now);
            var times = recorder.Track(i);
            times.Add(7, 1, 2, cpuNs: 0, readyNs: 0);
            times.AddSplit(2_000, 0);
            recorder.Finish(i, TaskEventKind.Completed, lane, MonotonicClock.Now + 1_000_000_000, "hi");
        }

        var spans = recorder.Spans();
        var first = spans[3];

        // A thread's window settled after the spans were taken: the view's figures stay as they were.
        recorder.Track(3).AddSplit(1_000_000, 1_000_000);
        var again = spans[3];

        Assert.Equal(first.Cpu, again.Cpu);
        Assert.Equal(first.Ready, again.Ready);
        Assert.Equal(2e-6, again.Cpu!.Value, precision: 9);
        Assert.Equal(first with { Threads = null, Segments = null }, again with { Threads = null, Segments = null });
    }

    [Fact]
    public void Spans_SmallRepetition_ListMadeOnce()
    {
        var recorder = Finished(3, MonotonicClock.Now);

        var spans = recorder.Spans();

        Assert.IsNotType<RecordedSpans>(spans);
        Assert.Same(spans[0], spans[0]);
        Assert.Equal([0, 1, 2], spans.Select(s => s.Task));
    }

    /// <summary>A recorder whose tasks all started on thread 7, hopped to 8 and ended: even tasks failed.</summary>
    private static TaskRecorder Finished(int count, long origin)
    {
        var recorder = new TaskRecorder(Channel.CreateUnbounded<LabEvent>().Writer, "async", 0, count, origin);
        var lane = new Lane(Environment.ProcessId, 7);
        for (var i = 0; i < count; i++)
        {
            recorder.Started(i, lane, origin + 10 + i);
            recorder.Hop(i, 8);
            recorder.Finish(i, i % 2 == 0 ? TaskEventKind.Failed : TaskEventKind.Completed, lane with { ThreadId = 8 }, origin + 1_000_000 + i,
                i % 2 == 0 ? "boom" : "hi");
        }

        return recorder;
    }
}
