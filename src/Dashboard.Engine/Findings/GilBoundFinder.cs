using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>gil-bound</c>: Python threads each got about 1/N of a core. Read from what every run records:
/// in the typical repetition of a GIL-bound twin (<see cref="PythonTwin.GilBound"/>), N tasks were
/// in flight on average (<see cref="RunShape.InFlight"/>) while the runner used about one core over
/// its task phase (its CPU less its start-up, taken as busy, over the task phase).
/// </summary>
/// <remarks>
/// On a machine busy with other work the interpreter gets less than <see cref="MinCores"/> however
/// it runs; when the spans carry their time split (<see cref="TaskSpan.Cpu"/>, <see cref="TaskSpan.Ready"/>),
/// tasks that spent at least <see cref="MinComputingShare"/> of their time on a core or ready for
/// one (the GIL's turns, the run queue), not in a marked wait, count as computing even then.
/// </remarks>
public sealed class GilBoundFinder : IFinder
{
    /// <summary>Fewest tasks in flight on average: below it the threads barely overlapped.</summary>
    public const double MinInFlight = 1.5;

    /// <summary>The runner computed (it used at least this much of a core) ...</summary>
    public const double MinCores = 0.6;

    /// <summary>... but not more than about one core, however many threads had tasks.</summary>
    public const double MaxCores = 1.25;

    /// <summary>Tasks that spent this share of their time on a core or ready for one were computing, not waiting.</summary>
    public const double MinComputingShare = 0.8;

    public FindingRule Rule { get; } = new(
        FindingIds.GilBound,
        "GIL-bound",
        FindingSeverity.Warning,
        "Python threads had 1.5 or more tasks in flight on average, yet the interpreter used about one core (0.6 to 1.25; less on a busy machine when the tasks spent 80 % of their time on a core or ready for one) for them.",
        "CPython's global interpreter lock (GIL) lets one thread run Python code at a time. Threads still overlap waits (I/O releases the " +
        "lock), but on work that computes they take turns: N threads each get about 1/N of a core, so threads add switching and no speed. " +
        ".NET has no such lock: its threads compute on every core at once.",
        "For CPU work in Python, use processes (ProcessPoolExecutor: each has its own interpreter and lock), or move the hot loop into code " +
        "that releases the GIL (NumPy, hashlib on large buffers, a C extension). Keep threads and asyncio for work that waits.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics)
        {
            var key = statistics.Strategy;
            if (!PythonTwins.IsTwinKey(key) || StrategyCatalog.Of(key) is not { Twin.GilBound: true, Placement: StrategyPlacement.InProcess }
                || run.Typical(key) is not { } typical
                || RunShape.InFlight(typical) is not { } inFlight || RunShape.TaskPhase(typical) is not { } phase || phase <= 0)
            {
                continue;
            }

            var startup = RunShape.FirstStart(typical) ?? 0;
            var cores = Math.Max(0, typical.CpuSeconds - startup) / phase;
            var computing = ComputingShare(typical);
            if (inFlight < MinInFlight || cores > MaxCores || (cores < MinCores && !(computing >= MinComputingShare)))
            {
                continue;
            }

            var each = cores / inFlight;
            var text = string.Create(CultureInfo.InvariantCulture,
                $"On average {inFlight:0.0} threads had a task in flight, yet the interpreter used {cores:0.00} of a core for them: each thread got about {each:0.00} of a core. The GIL let one thread run Python code at a time.");
            yield return run.Make(Rule.Id, Rule.Severity, key, new Dictionary<string, double>
            {
                ["inFlight"] = inFlight,
                ["cores"] = cores,
                ["coresPerThread"] = each,
                ["taskPhaseSeconds"] = phase,
                ["startupSeconds"] = startup,
            }, text, 1 - Math.Min(1, 1 / inFlight));
        }
    }

    /// <summary>The share of the ran spans' time on a core or ready for one; null when the spans carry no split.</summary>
    private static double? ComputingShare(StrategyResult typical)
    {
        var ran = RunShape.Ran(typical).Where(s => s.Cpu is not null).ToList();
        var total = ran.Sum(s => Math.Max(0, s.End - s.Start));
        return ran.Count == 0 || total <= 0 ? null : ran.Sum(s => s.Cpu!.Value + (s.Ready ?? 0)) / total;
    }
}
