using Dashboard.Engine.Running;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// Sampled time splits (<see cref="TaskTimes.Sampled"/>): a lab thread reads its CPU clock about
/// once per quantum and shares it among the segments that ended since, so the figures must still
/// be each task's own: a spinning task gets at least the CPU it spun, a sleeping one next to
/// nothing, and pending CPU is settled from another thread when the repetition ends.
/// </summary>
public sealed class TaskFlowTests
{
    private const long SpinNs = 20_000;

    [Fact]
    public void SampledSegments_ShortSpinnersAndLongSleepers_EachGetTheirOwnCpu()
    {
        Assert.True(ThreadClock.CpuNanoseconds() >= 0, "the lab's hosts are Linux (CLOCK_THREAD_CPUTIME_ID)");
        var spinners = Enumerable.Range(0, 300).Select(_ => new TaskTimes { Sampled = true }).ToList();
        var sleepers = Enumerable.Range(0, 6).Select(_ => new TaskTimes { Sampled = true }).ToList();
        long used = 0;

        // One held lab thread, as the async starter: runs of short spinning segments (many share a
        // window) with a sleeping segment of 3 ms after every 50 (it closes the window at its end).
        RunOnHeldThread(() =>
        {
            var before = ThreadClock.CpuNanoseconds();
            for (var i = 0; i < spinners.Count; i++)
            {
                Spin(spinners[i]);
                if (i % 50 == 49)
                {
                    TaskFlow.Begin(sleepers[i / 50]);
                    Thread.Sleep(3);
                    TaskFlow.End();
                }
            }

            TaskFlow.ReleaseThread();
            used = ThreadClock.CpuNanoseconds() - before;
        });

        var spun = spinners.Sum(t => t.Snapshot(spanSeconds: 1).Cpu!.Value);
        Assert.All(spinners.Concat(sleepers), t => Assert.Equal(1, t.SegmentCount));
        Assert.InRange(spun, spinners.Count * SpinNs / 1e9, used / 1e9);
        Assert.All(sleepers, t =>
        {
            var cpu = t.Snapshot(spanSeconds: 1).Cpu!.Value;
            Assert.True(cpu < 0.5e-3, $"a 3 ms sleep counted {cpu * 1e6:F0} µs of CPU");
        });
    }

    [Fact]
    public void SampledSegments_PendingOnALiveThread_SettleFromAnotherThreadCompletesThem()
    {
        Assert.True(ThreadClock.CpuNanoseconds() >= 0, "the lab's hosts are Linux (CLOCK_THREAD_CPUTIME_ID)");
        var times = Enumerable.Range(0, 10).Select(_ => new TaskTimes { Sampled = true }).ToList();
        using var ran = new ManualResetEventSlim();
        using var settled = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            ThreadClock.Hold();

            // Ten short segments: well within one quantum, so none has read its CPU yet.
            foreach (var t in times)
            {
                Spin(t);
            }

            ran.Set();
            settled.Wait(RunHarness.Timeout);
            TaskFlow.ReleaseThread();
        });
        thread.Start();
        Assert.True(ran.Wait(RunHarness.Timeout));

        TaskFlow.Settle();
        var counted = times.Sum(t => t.Snapshot(spanSeconds: 1).Cpu!.Value);
        settled.Set();
        thread.Join();

        Assert.True(counted >= times.Count * SpinNs / 1e9, $"settled {counted * 1e6:F0} µs for {times.Count} spins of {SpinNs / 1000} µs");
    }

    /// <summary>One segment of <paramref name="times"/> that spins <see cref="SpinNs"/> of the thread's own CPU.</summary>
    private static void Spin(TaskTimes times)
    {
        TaskFlow.Begin(times);
        var until = ThreadClock.CpuNanoseconds() + SpinNs;
        while (ThreadClock.CpuNanoseconds() < until)
        {
        }

        TaskFlow.End();
    }

    private static void RunOnHeldThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            ThreadClock.Hold();
            try
            {
                body();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }
}
