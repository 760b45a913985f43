using System.Globalization;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// Each strategy's physical limit on a run, from the run's own figures:
/// <list type="bullet">
/// <item>I/O workloads (genre, scrape, hello): the latency bound for the strategy's concurrency c:
/// ceil(tasks / min(tasks, c)) waves of one latency each (= tasks x latency / min(tasks, c) when c
/// divides the tasks; the waves are the exact bound when it does not).</item>
/// <item>CPU (power): the run's sequential CPU time (without a sequential run, the least CPU any
/// strategy spent) over the speedup min(cores, lanes) lanes can give, which a
/// <see cref="CpuCalibration"/> measures (a little under the core count); without one, the lane
/// count itself. Tasks come whole, so ceil(tasks / lanes) of them set the pace.</item>
/// </list>
/// A strategy's lanes are its descriptor's (<see cref="StrategyCatalog.Lanes"/>); one without a lane
/// model gets no limit.
/// </summary>
public static class StrategyLimits
{
    public const string LatencyBound = "latency";
    public const string CpuBound = "cpu";

    /// <summary>A strategy "reached" its limit from this share on (medians wobble by a few percent on a shared machine).</summary>
    public const double Reached = 0.95;

    /// <summary>The limits of the strategies in <paramref name="statistics"/> that have one.</summary>
    /// <param name="latencySeconds">One task's wait (target latency, or hello's delay); null when unknown (no I/O limits then).</param>
    /// <param name="cores">Cores of the machine that ran it (the defaults of unset sizes follow from it).</param>
    public static IReadOnlyList<StrategyLimit> Compute(
        WorkloadParameters parameters,
        StrategyOptions options,
        int cores,
        double? latencySeconds,
        CpuCalibration? calibration,
        IReadOnlyList<StrategyStatistics> statistics)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(statistics);
        var tasks = parameters.TaskCount;
        var limits = new List<StrategyLimit>();
        var cpu = WorkloadCatalog.Of(parameters).Kind == WorkloadKind.CpuBound;
        foreach (var s in statistics)
        {
            if (StrategyCatalog.Lanes(s.Strategy, new LaneQuestion(options, cores, tasks, cpu)) is not { } lanes)
            {
                continue;
            }

            StrategyLimit? limit = null;
            if (cpu && SequentialWork(statistics, PythonTwins.RuntimeOf(s.Strategy)) is > 0 and { } cpuSeconds)
            {
                var p = Math.Max(1, Math.Min(Math.Min(cores, lanes), tasks));
                var speedup = calibration is not null && calibration.Processes == cores ? calibration.SpeedupAt(p) : p;
                var waves = (int)Math.Ceiling(tasks / (double)p);
                var seconds = cpuSeconds / tasks * waves * p / speedup;
                var basis = string.Create(CultureInfo.InvariantCulture,
                    $"{SecondsText.Format(cpuSeconds)} of CPU over x{speedup:0.00} ({p} lane{(p == 1 ? "" : "s")}{(calibration is not null && p > 1 ? ", calibrated" : "")})");
                limit = new StrategyLimit(s.Strategy, seconds, null, CpuBound, p, basis);
            }
            else if (!cpu && latencySeconds is { } latency)
            {
                var c = Math.Max(1, Math.Min(tasks, lanes));
                var waves = (int)Math.Ceiling(tasks / (double)c);
                limit = new StrategyLimit(s.Strategy, waves * latency, null, LatencyBound, c, string.Create(CultureInfo.InvariantCulture,
                    $"{waves} wave{(waves == 1 ? "" : "s")} of {SecondsText.Format(latency)} ({c:N0} at once)"));
            }

            if (limit is not null)
            {
                var median = s.Wall?.Median;
                limits.Add(limit with { OfLimit = median is > 0 ? limit.LimitSeconds / median : null });
            }
        }

        return limits;
    }

    /// <summary>
    /// The CPU work of a power run in one runtime: that runtime's sequential CPU time, else the least
    /// CPU any of its strategies spent (a Python twin is measured against Python's own arithmetic).
    /// </summary>
    private static double? SequentialWork(IReadOnlyList<StrategyStatistics> statistics, string runtime)
    {
        var same = statistics.Where(s => PythonTwins.RuntimeOf(s.Strategy) == runtime && s.MedianCpuSeconds > 0).ToList();
        return same.FirstOrDefault(s => StrategyCatalog.IsBaseline(s.Strategy))?.MedianCpuSeconds
            ?? (same.Count > 0 ? same.Min(s => s.MedianCpuSeconds) : null);
    }
}
