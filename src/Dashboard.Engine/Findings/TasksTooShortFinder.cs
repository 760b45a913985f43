using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>tasks-too-short</c> (BenchmarkDotNet's MinIterationTimeAnalyser, for tasks): on CPU work, a
/// task is shorter than ten times what the strategy spends per task beyond its limit. The per-task
/// overhead is the lane time the strategy lost against its CPU limit after its start-up: (median
/// wall - first task's start - limit) x lanes / tasks. The task is the median task of the runtime's
/// own sequential (the strategy's own when the run has no sequential).
/// </summary>
public sealed class TasksTooShortFinder : IFinder
{
    /// <summary>A task shorter than this many times the overhead fires it.</summary>
    public const double Factor = 10;

    public FindingRule Rule { get; } = new(
        FindingIds.TasksTooShort,
        "Tasks too short",
        FindingSeverity.Warning,
        "On CPU work, a task is shorter than ten times the strategy's cost per task (the lane time it lost against its CPU limit, shared over its tasks).",
        "Running tasks side by side costs something per task: creating or waking a thread, handing a task to a worker process and its " +
        "result back, the caches and memory bandwidth the cores share. When a task takes about as long as that cost, the cores spend " +
        "their time on the handling, and a parallel strategy can lose to sequential even though it has more cores.",
        "Make each task bigger: more work per task (a larger i for the power workload, or the managed engine, which is slower than GMP), " +
        "or fewer, larger tasks. As a rule, a task should take at least ten times what handing it out costs.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tasks = run.Parameters.TaskCount;
        foreach (var limit in run.Limits.Where(l => l.Bound == StrategyLimits.CpuBound && l.Lanes > 1))
        {
            var key = limit.Strategy;
            if (StrategyCatalog.IsBaseline(key) || run.StatisticsOf(key)?.Wall is not { } wall || run.Typical(key) is not { } typical
                || tasks <= 0)
            {
                continue;
            }

            var startup = RunShape.FirstStart(typical) ?? 0;
            var overhead = Math.Max(0, wall.Median - startup - limit.LimitSeconds) * limit.Lanes / tasks;
            var baseline = run.BaselineOf(key);
            if (baseline is not null && Busy(run, baseline) is { } busy && busy <= RunShape.HeldBackBelow)
            {
                // Sequential itself did not get its core: the lost time is the machine's, not a cost per task.
                continue;
            }

            var task = RunShape.MedianTaskSeconds(run.Measured(baseline?.Strategy ?? key));
            if (overhead <= 0 || task is not > 0 || task >= Factor * overhead)
            {
                continue;
            }

            var source = baseline is null ? "its own" : $"{StrategyCatalog.Name(baseline.Strategy)}'s";
            var text = string.Create(CultureInfo.InvariantCulture,
                $"Its tasks take {SecondsText.Format(task.Value)} each ({source} median), less than ten times the {SecondsText.Format(overhead)} it spent per task " +
                $"beyond its CPU limit ({SecondsText.Format(wall.Median)} against a limit of {SecondsText.Format(limit.LimitSeconds)} on {limit.Lanes} lanes, over {tasks:N0} tasks): " +
                $"handing each task out cost {overhead / task.Value * 100:0}% of the task itself.");
            yield return run.Make(Rule.Id, Rule.Severity, key, new Dictionary<string, double>
            {
                ["taskSeconds"] = task.Value,
                ["overheadSeconds"] = overhead,
                ["wallSeconds"] = wall.Median,
                ["limitSeconds"] = limit.LimitSeconds,
                ["startupSeconds"] = startup,
                ["lanes"] = limit.Lanes,
                ["tasks"] = tasks,
            }, text, wall.Median > 0 ? 1 - (limit.LimitSeconds / wall.Median) : 0);
        }
    }

    // The baseline's work CPU over its work wall (RunShape.WorkBusy: the tasks' own CPU when measured, as Explain reads it).
    private static double? Busy(FindingInput run, StrategyStatistics baseline)
    {
        if (baseline.Wall is not { } wall || baseline.MedianCpuSeconds is not { } cpu)
        {
            return null;
        }

        var measured = run.Measured(baseline.Strategy);
        var startup = RunShape.StartupSeconds(measured) ?? 0;
        return RunShape.WorkBusy(wall.Median, startup, cpu, RunShape.TaskCpuSeconds(measured));
    }
}
