using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class StrategyLimitsTests
{
    private static StrategyResult Result(string strategy, double wall, double cpu) =>
        new(strategy, 0, wall, cpu, 1, 16, 0, "ok", 1_000, [], false);

    [Fact]
    public void Compute_GenreHundredTasks_LatencyBoundPerStrategyConcurrency()
    {
        // 100 tasks x 0.1 s: sequential 100 waves, threadpool of 6: ceil(100/6) = 17 waves, parallel
        // degree 2: 50 waves, threads and async: one wave.
        var statistics = RunStatistics.Compute(
        [
            Result("sequential", 10.06, 0.1), Result("threads", 0.150, 0.1), Result("threadpool", 1.73, 0.1),
            Result("async", 0.115, 0.1), Result("parallel", 5.03, 0.1), Result("processes", 5.1, 0.1),
            Result("async-processes", 0.2, 0.1), Result("cluster", 1, 1),
        ]);

        var limits = StrategyLimits.Compute(new GenreParameters(100), new StrategyOptions(), cores: 2, latencySeconds: 0.1, null, statistics)
            .ToDictionary(l => l.Strategy);

        Assert.Equal(10.0, limits["sequential"].LimitSeconds, 1e-9);
        Assert.Equal(0.1, limits["threads"].LimitSeconds, 1e-9);
        Assert.Equal(1.7, limits["threadpool"].LimitSeconds, 1e-9);
        Assert.Equal(6, limits["threadpool"].Lanes);
        Assert.Equal(0.1, limits["async"].LimitSeconds, 1e-9);
        Assert.Equal(5.0, limits["parallel"].LimitSeconds, 1e-9);
        Assert.Equal(5.0, limits["processes"].LimitSeconds, 1e-9);
        Assert.Equal(0.1, limits["async-processes"].LimitSeconds, 1e-9);
        Assert.Equal(0.1 / 0.115, limits["async"].OfLimit!.Value, 1e-9);
        Assert.Equal(10.0 / 10.06, limits["sequential"].OfLimit!.Value, 1e-9);
        Assert.All(limits.Values, l => Assert.Equal(StrategyLimits.LatencyBound, l.Bound));
        Assert.DoesNotContain("cluster", limits.Keys); // a strategy this does not know gets no limit
    }

    [Fact]
    public void Compute_AsyncCapAndProcesses_BoundFollowsTheCap()
    {
        var statistics = RunStatistics.Compute([Result("async", 1, 0.1), Result("async-processes", 1, 0.1)]);

        var limits = StrategyLimits.Compute(new HelloParameters(10, "x", 200), new StrategyOptions(AsyncCap: 3, ProcessCount: 2),
            cores: 2, latencySeconds: 0.2, null, statistics).ToDictionary(l => l.Strategy);

        Assert.Equal(4 * 0.2, limits["async"].LimitSeconds, 1e-9); // ceil(10 / 3) waves
        Assert.Equal(2 * 0.2, limits["async-processes"].LimitSeconds, 1e-9); // 2 x 3 = 6 at once: 2 waves
    }

    [Fact]
    public void Compute_PowerWithCalibration_SequentialCpuOverTheCalibratedSpeedup()
    {
        // Sequential spent 1.40 s of CPU. The calibration measured x1.90 on 2 processes.
        var statistics = RunStatistics.Compute(
        [
            Result("sequential", 1.45, 1.40), Result("parallel", 0.75, 1.42), Result("async", 1.44, 1.40),
            Result("processes", 0.80, 1.5),
        ]);
        var calibration = new CpuCalibration("gmp", 1_000_000, 16, 2, 3, 0.76, 0.40, DateTimeOffset.UnixEpoch);

        var limits = StrategyLimits.Compute(new PowerParameters(), new StrategyOptions(), cores: 2, latencySeconds: null, calibration, statistics)
            .ToDictionary(l => l.Strategy);

        Assert.Equal(1.9, calibration.Speedup, 1e-9);
        Assert.Equal(1.40 / 1.9, limits["parallel"].LimitSeconds, 1e-9);
        Assert.Equal(1.40 / 1.9 / 0.75, limits["parallel"].OfLimit!.Value, 1e-9);
        Assert.Equal(1.40 / 1.9, limits["processes"].LimitSeconds, 1e-9);
        Assert.Equal(1.40, limits["sequential"].LimitSeconds, 1e-9);
        Assert.Equal(1.40, limits["async"].LimitSeconds, 1e-9); // CPU-bound async has one lane
        Assert.All(limits.Values, l => Assert.Equal(StrategyLimits.CpuBound, l.Bound));
        Assert.Contains("calibrated", limits["parallel"].Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_PowerWithoutCalibrationOrSequential_LeastCpuOverTheLanes()
    {
        // Three tasks on two lanes: two of them set the pace (ceil(3/2) = 2 of 3 tasks' CPU).
        var statistics = RunStatistics.Compute([Result("parallel", 1.0, 1.5), Result("threads", 1.0, 1.8)]);

        var limits = StrategyLimits.Compute(new PowerParameters(Count: 3), new StrategyOptions(), cores: 2, latencySeconds: null, null, statistics)
            .ToDictionary(l => l.Strategy);

        Assert.Equal(1.5 / 3 * 2, limits["parallel"].LimitSeconds, 1e-9);
        Assert.Equal(1.5 / 3 * 2, limits["threads"].LimitSeconds, 1e-9);
    }

    [Fact]
    public void Compute_PowerBothRuntimes_EachTwinAgainstPythonsOwnSequentialAndThreadsOnOneLane()
    {
        // .NET's sequential spent 1.4 s of CPU, Python's 30 s: each runtime's limits come from its own.
        var statistics = RunStatistics.Compute(
        [
            Result("sequential", 1.45, 1.40), Result("threads", 0.8, 1.5),
            Result("python-sequential", 30.5, 30.0), Result("python-threads", 31.0, 30.2),
            Result("python-processes", 16.0, 31.0), Result("python-async", 30.4, 30.0),
        ]);

        var limits = StrategyLimits.Compute(new PowerParameters(), new StrategyOptions(), cores: 2, latencySeconds: null, null, statistics)
            .ToDictionary(l => l.Strategy);

        Assert.Equal(1.40 / 2, limits["threads"].LimitSeconds, 1e-9);
        Assert.Equal(30.0, limits["python-sequential"].LimitSeconds, 1e-9);
        Assert.Equal(30.0, limits["python-threads"].LimitSeconds, 1e-9); // the GIL: one lane
        Assert.Equal(1, limits["python-threads"].Lanes);
        Assert.Equal(30.0, limits["python-async"].LimitSeconds, 1e-9);
        Assert.Equal(30.0 / 2, limits["python-processes"].LimitSeconds, 1e-9);
        Assert.Equal(15.0 / 16.0, limits["python-processes"].OfLimit!.Value, 1e-9);
    }

    [Fact]
    public void Compute_GenreTwins_SameLatencyBoundAsTheirStrategy()
    {
        var statistics = RunStatistics.Compute([Result("python-threads", 0.2, 0.5), Result("python-threadpool", 2.0, 0.5)]);

        var limits = StrategyLimits.Compute(new GenreParameters(100), new StrategyOptions(), cores: 2, latencySeconds: 0.1, null, statistics)
            .ToDictionary(l => l.Strategy);

        Assert.Equal(0.1, limits["python-threads"].LimitSeconds, 1e-9); // I/O waits overlap under the GIL
        Assert.Equal(1.7, limits["python-threadpool"].LimitSeconds, 1e-9);
    }

    [Fact]
    public void SpeedupAt_OneLaneIsOneAndNeverAboveTheLanes()
    {
        var calibration = new CpuCalibration("gmp", 1_000_000, 16, 4, 3, 4.0, 1.0, DateTimeOffset.UnixEpoch);

        Assert.Equal(1, calibration.SpeedupAt(1));
        Assert.Equal(4, calibration.SpeedupAt(4), 1e-9);
        Assert.Equal(2, calibration.SpeedupAt(2), 1e-9);
        Assert.Equal(1, new CpuCalibration("gmp", 1, 1, 2, 1, 1.0, 2.0, DateTimeOffset.UnixEpoch).SpeedupAt(2)); // slower together: no speedup
    }
}
