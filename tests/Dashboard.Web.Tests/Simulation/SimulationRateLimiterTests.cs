using Dashboard.Web.Simulation;

namespace Dashboard.Web.Tests.Simulation;

public sealed class SimulationRateLimiterTests
{
    [Fact]
    public void TryAcquire_QuotaUsedUp_RefusesUntilNextSecond()
    {
        var time = new ManualTimeProvider();
        var limiter = new SimulationRateLimiter(time);

        var granted = Enumerable.Range(0, 3).Count(_ => limiter.TryAcquire(3, out _));
        var fourth = limiter.TryAcquire(3, out var retryAfter);
        time.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = limiter.TryAcquire(3, out _);

        Assert.Equal(3, granted);
        Assert.False(fourth);
        Assert.Equal(1, retryAfter);
        Assert.True(nextSecond);
    }

    [Fact]
    public void TryAcquire_ZeroLimit_AlwaysGrants()
    {
        var limiter = new SimulationRateLimiter(new ManualTimeProvider());

        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.True(limiter.TryAcquire(0, out _)));
    }

    [Fact]
    public void TryAcquire_ManyThreadsAtOnce_GrantsExactlyTheQuota()
    {
        var limiter = new SimulationRateLimiter(new ManualTimeProvider());
        var granted = 0;

        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            if (limiter.TryAcquire(777, out _))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(777, granted);
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTimeProvider : TimeProvider
    {
        private long _timestamp = 1_000 * TimeSpan.TicksPerSecond;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, by.Ticks);
    }
}
