using System.Threading.Channels;
using Dashboard.Engine.Running;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// One task's times and the recorder's per-task state, kept small for a million tasks in flight
/// (the first segments and threads inline, the rest in lists): the same figures either way.
/// </summary>
public sealed class TaskTimesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(TaskTimes.MaxSegments)]
    [InlineData(TaskTimes.MaxSegments + 6)]
    public void Snapshot_SegmentsInOrder_FirstMaxKept_EverySegmentSummed(int count)
    {
        var times = new TaskTimes();
        for (var i = 0; i < count; i++)
        {
            times.Add(thread: 100 + i, start: i * 10L, end: (i * 10L) + 5, cpuNs: 1_000, readyNs: 2_000);
        }

        var timing = times.Snapshot(spanSeconds: 1);

        Assert.Equal(count, times.SegmentCount);
        Assert.Equal(Enumerable.Range(0, Math.Min(count, TaskTimes.MaxSegments)).Select(i => (100 + i, i * 10L, (i * 10L) + 5)), timing.Segments!);
        Assert.Equal(count * 1e-6, timing.Cpu!.Value, precision: 9);
        Assert.Equal(count * 2e-6, timing.Ready!.Value, precision: 9);
    }

    [Fact]
    public void Snapshot_NoSegment_NullSegmentsAndZeroSums()
    {
        var timing = new TaskTimes().Snapshot(spanSeconds: 1);

        Assert.Null(timing.Segments);
        Assert.Equal((0.0, 0.0), (timing.Cpu, timing.Ready));
    }

    [Fact]
    public void Recorder_HopsAndDetails_ThreadsInOrderWithoutRepeats_EqualDetailsShareOneString()
    {
        var events = Channel.CreateUnbounded<LabEvent>();
        var recorder = new TaskRecorder(events.Writer, "async", 0, taskCount: 3, origin: MonotonicClock.Now);
        var lane = new Lane(Environment.ProcessId, 1);

        recorder.Started(0, lane, MonotonicClock.Now);
        foreach (var thread in new[] { 1, 2, 2, 3, 1, 4 })
        {
            recorder.Hop(0, thread);
        }

        recorder.Finish(0, TaskEventKind.Completed, lane with { ThreadId = 4 }, MonotonicClock.Now, new string('a', 3));
        recorder.Started(1, lane, MonotonicClock.Now);
        recorder.Finish(1, TaskEventKind.Completed, lane, MonotonicClock.Now, new string('a', 3));
        recorder.Started(2, lane, MonotonicClock.Now);
        recorder.Hop(2, 5);
        recorder.Finish(2, TaskEventKind.Failed, lane with { ThreadId = 5 }, MonotonicClock.Now, "boom");

        var spans = recorder.Spans();

        Assert.Equal([1, 2, 3, 1, 4], spans[0].Threads!);
        Assert.Equal([1], spans[1].Threads!);
        Assert.Equal([1, 5], spans[2].Threads!);
        Assert.Equal("aaa", spans[1].Detail);
        Assert.Same(spans[0].Detail, spans[1].Detail);
        Assert.Equal("boom", spans[2].Error);
        Assert.Equal(["aaa", "aaa"], recorder.Outputs().OrderBy(o => o.Key).Select(o => o.Value));
    }

    [Fact]
    public void BackToBackSegments_OnOneThread_CpuAddsUpToTheThreadsOwn()
    {
        Assert.True(ThreadClock.CpuNanoseconds() >= 0, "the lab's hosts are Linux (CLOCK_THREAD_CPUTIME_ID)");
        const int tasks = 200;
        const long spinNs = 20_000;
        var all = Enumerable.Range(0, tasks).Select(_ => new TaskTimes()).ToList();

        // One thread runs the tasks one after another, as the async starter does: each segment's
        // closing reading may open the next, and the CPU between them is counted once, not lost.
        var before = ThreadClock.CpuNanoseconds();
        foreach (var times in all)
        {
            TaskFlow.Begin(times);
            var until = ThreadClock.CpuNanoseconds() + spinNs;
            while (ThreadClock.CpuNanoseconds() < until)
            {
            }

            TaskFlow.End();
        }

        var used = (ThreadClock.CpuNanoseconds() - before) / 1e9;
        var counted = all.Sum(t => t.Snapshot(spanSeconds: 1).Cpu!.Value);

        Assert.All(all, t => Assert.Equal(1, t.SegmentCount));
        Assert.InRange(counted, tasks * spinNs / 1e9, used);
    }
}
