using System.Diagnostics;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>
/// The run-wide timer of hello's async sleeps: never early, shared by sleeps due in the same
/// millisecond, and one cancellation that ends every pending sleep.
/// </summary>
public sealed class SleepWheelTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Delay_ThousandSleeps_NoneEndsEarly_AndTheyShareSlots()
    {
        using var wheel = new SleepWheel("done", CancellationToken.None);
        const int delayMs = 50;
        var started = new long[1_000];
        var ended = new long[started.Length];
        var sleeps = new Task[started.Length];
        for (var i = 0; i < sleeps.Length; i++)
        {
            var task = i;
            started[task] = Stopwatch.GetTimestamp();
            sleeps[task] = wheel.Delay(delayMs).ContinueWith(_ => ended[task] = Stopwatch.GetTimestamp(), TaskScheduler.Default);
        }

        await Task.WhenAll(sleeps).WaitAsync(Generous);
        Assert.Equal("done", await wheel.Delay(1).WaitAsync(Generous));

        Assert.All(Enumerable.Range(0, sleeps.Length), i =>
            Assert.True(Stopwatch.GetElapsedTime(started[i], ended[i]).TotalMilliseconds >= delayMs,
                $"sleep {i} ended after {Stopwatch.GetElapsedTime(started[i], ended[i]).TotalMilliseconds:F3} ms"));
        Assert.Equal(0, wheel.PendingSlots);
    }

    [Fact]
    public void Delay_SameMillisecond_OneSharedCompletion()
    {
        using var wheel = new SleepWheel("done", CancellationToken.None);

        // A thousand calls take far less than a thousand milliseconds, even on a busy machine.
        var sleeps = Enumerable.Range(0, 1_000).Select(_ => wheel.Delay(60_000)).ToList();

        Assert.True(sleeps.Distinct().Count() < sleeps.Count, "sleeps due in the same millisecond share their completion");
        Assert.Equal(sleeps.Distinct().Count(), wheel.PendingSlots);
    }

    [Fact]
    public async Task Cancel_EveryPendingSleepEndsCancelled_AndLaterSleepsToo()
    {
        using var cts = new CancellationTokenSource();
        using var wheel = new SleepWheel("done", cts.Token);
        var sleeps = Enumerable.Range(0, 500).Select(i => wheel.Delay(60_000 + i)).ToList();

        await cts.CancelAsync();

        foreach (var sleep in sleeps)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleep.WaitAsync(Generous));
        }

        Assert.Equal(0, wheel.PendingSlots);
        Assert.True(wheel.Delay(10).IsCanceled);
    }

    [Fact]
    public async Task Delay_FromAnEarlierReading_EndsNoEarlierThanTheDelayFromIt()
    {
        using var wheel = new SleepWheel("done", CancellationToken.None);
        const int delayMs = 30;
        var from = Stopwatch.GetTimestamp();

        // A task's start stamped earlier: its wait is measured from the stamp, not from the call.
        Thread.Sleep(10);
        Assert.Equal("done", await wheel.Delay(delayMs, from).WaitAsync(Generous));

        var waited = Stopwatch.GetElapsedTime(from).TotalMilliseconds;
        Assert.True(waited >= delayMs, $"ended {waited:F3} ms after the stamp");
        Assert.Equal(0, wheel.PendingSlots);
    }

    [Fact]
    public async Task Delay_ZeroAndNegative_CompletedAndRefused()
    {
        using var wheel = new SleepWheel("done", CancellationToken.None);

        var none = wheel.Delay(0);
        Assert.True(none.IsCompletedSuccessfully);
        Assert.Equal("done", await none);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = wheel.Delay(-1); });
    }
}
