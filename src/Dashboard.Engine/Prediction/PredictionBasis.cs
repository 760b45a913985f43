using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Prediction;

/// <summary>
/// What one sequential repetition says about the work, read off its spans: each task's CPU work
/// (on a core plus ready for one, as this machine served it) and its waiting, and the time the
/// repetition spent outside its tasks.
/// </summary>
/// <param name="Strategy">The result key of the repetition it comes from (sequential, or a twin's).</param>
/// <param name="Waits">Each task's waiting, in task order.</param>
/// <param name="CpuSeconds">The tasks' CPU work summed (their CPU plus ready).</param>
/// <param name="FixedSeconds">The repetition's wall after its first task started, less its tasks' spans: the gaps between tasks and the end.</param>
public sealed record PredictionBasis(string Strategy, IReadOnlyList<double> Waits, double CpuSeconds, double FixedSeconds)
{
    /// <summary>Tasks in the repetition.</summary>
    public int Tasks => Waits.Count;

    /// <summary>The tasks' waiting summed.</summary>
    public double WaitSeconds => Waits.Sum();

    /// <summary>The share of the tasks' time that wanted a core, 0..1.</summary>
    public double CpuShare => CpuSeconds + WaitSeconds > 0 ? CpuSeconds / (CpuSeconds + WaitSeconds) : 0;

    /// <summary>
    /// The basis of a one-at-a-time repetition; null when no task ran or none carries its CPU time
    /// (older runs, lab nodes). A task without a measured CPU time counts whole as waiting. A task's
    /// ready time counts as CPU work in the share its CPU has of its CPU and waiting (a task that
    /// computes waits for a core between slices; one that waits for I/O waits for a core once per
    /// wake-up, and wake-ups overlap on other strategies). No task counts for more than
    /// <see cref="OutlierFactor"/> times the median task: the first task of a cold run pays for
    /// compiling the code and opening connections, which the strategies after it do not.
    /// </summary>
    public static PredictionBasis? Of(StrategyResult sequential)
    {
        ArgumentNullException.ThrowIfNull(sequential);
        var ran = RunShape.Ran(sequential).OrderBy(s => s.Task).ToList();
        if (ran.Count == 0 || ran.All(s => s.Cpu is null))
        {
            return null;
        }

        var cpus = new List<double>(ran.Count);
        var waits = new List<double>(ran.Count);
        foreach (var span in ran)
        {
            var length = Length(span);
            var cpu = Math.Min(length, span.Cpu ?? 0);
            var ready = Math.Min(length - cpu, span.Ready ?? 0);
            var waiting = Math.Max(0, length - cpu - ready);
            var computing = cpu + waiting > 0 ? ready * cpu / (cpu + waiting) : 0;
            cpus.Add(cpu + computing);
            waits.Add(Math.Max(0, length - cpu - computing));
        }

        var cpuCap = OutlierFactor * Quantiles.Median(cpus);
        var waitCap = OutlierFactor * Quantiles.Median(waits);

        // The repetition's time outside its tasks after the first started: the loop's own gaps. The
        // time before the first task is this repetition's start (a cold run's compiling), not the work.
        var gaps = sequential.WallSeconds - (RunShape.FirstStart(sequential) ?? 0) - ran.Sum(Length);
        return new PredictionBasis(sequential.Strategy, [.. waits.Select(w => Math.Min(w, waitCap))],
            cpus.Sum(c => Math.Min(c, cpuCap)), Math.Max(0, gaps));
    }

    /// <summary>No task counts for more than this many times the median task (<see cref="Of"/>).</summary>
    public const double OutlierFactor = 3;

    private static double Length(TaskSpan span) => Math.Max(0, span.End - span.Start);
}
