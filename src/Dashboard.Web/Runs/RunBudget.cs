using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Runs;

/// <summary>
/// Weighs a plan before it is queued: its estimated sequential work (every task of every strategy
/// repetition, warmups included, as if run one after another) must not exceed
/// <see cref="RunServiceOptions.MaxRunSeconds"/>. Sequential work is the honest unit: the
/// sequential strategy takes that long, and the concurrent ones take that much of some resource
/// (threads waiting, cores computing). <see cref="RunQueue.Enqueue"/> is the one place that
/// enforces it; the Run page only shows it early.
/// </summary>
/// <remarks>
/// Per-task figures, measured on our 2-core machine (CPU seconds of one task in the sequential
/// strategy, so other load on the machine does not inflate them):
/// <list type="bullet">
/// <item>hello: the wait, plus <see cref="TaskOverheadSeconds"/>.</item>
/// <item>genre: the simulated API's latency + half its jitter (the mean of a uniform extra delay),
/// plus <see cref="HttpCallOverheadSeconds"/> (client, JSON, one file).</item>
/// <item>scrape: the page latency + half the jitter + <see cref="HttpCallOverheadSeconds"/> +
/// <see cref="ParseSecondsPerKb"/> x page size (AngleSharp parse).</item>
/// <item>power: the cost of i^i grows with its bit length n = i log2 i, faster than linearly (the
/// last squarings of an n-bit number dominate): a log-log interpolation between measured points
/// per engine (<see cref="ManagedPoints"/>, <see cref="GmpPoints"/>), extrapolated with the last
/// slope. Failures (simulated 500s) cost the same latency; 429s from the rate limit answer at once,
/// so a rate limit only makes the estimate pessimistic.</item>
/// </list>
/// Against a custom target (Lab:TargetBaseUrl) the knobs mean nothing, so the estimate assumes the
/// tutorial's real-site timings (<see cref="RealGenreCallSeconds"/>, <see cref="RealPageSeconds"/>)
/// and says so.
/// <para>
/// A Python twin (runtime python or both) is costed as Python runs it, not at .NET's speed: the
/// runner's start (<see cref="PythonStartSeconds"/>) once per twin run, then each task with the twin's
/// own figures (<see cref="PythonTaskOverheadSeconds"/>, <see cref="PythonHttpCallOverheadSeconds"/>,
/// <see cref="PythonParseSecondsPerKb"/>, and for power Python's own integers,
/// <see cref="PythonPoints"/>, whatever the .NET engine). The waits are the same in both runtimes.
/// </para>
/// </remarks>
public sealed class RunBudget
{
    /// <summary>Fixed cost of any task (start, events, bookkeeping): 1,000 hellos at 0 ms took 0.021 s of CPU, rounded up.</summary>
    public const double TaskOverheadSeconds = 0.000_1;

    /// <summary>One loopback GET with its JSON read and one file write at 0 ms latency: 100 genre calls took 0.33 s of CPU.</summary>
    public const double HttpCallOverheadSeconds = 0.003;

    /// <summary>
    /// Rendering, reading and parsing a page for its first h1, per KB of HTML: 30 pages took 1.15 s
    /// of CPU at 100 KB and 4.98 s at 1,000 KB, so (4.98 - 1.15) / 30 / 900 = 0.14 ms per KB.
    /// </summary>
    public const double ParseSecondsPerKb = 0.000_15;

    /// <summary>The tutorial's genre call on the real internet: 1.42 s for 5 sequential calls.</summary>
    public const double RealGenreCallSeconds = 0.284;

    /// <summary>The tutorial's random Wikipedia page: 88.86 s for 100 sequential pages.</summary>
    public const double RealPageSeconds = 0.889;

    /// <summary>Managed BigInteger i^i: (bits of the result in millions, seconds of CPU), measured here.</summary>
    internal static readonly (double MegaBits, double Seconds)[] ManagedPoints =
    [
        (2.58, 0.21),    // i = 150,000
        (9.47, 1.05),    // i = 500,000
        (19.93, 2.78),   // i = 1,000,000
        (41.86, 8.56),   // i = 2,000,000
    ];

    /// <summary>GMP i^i: (bits of the result in millions, seconds of CPU), measured here.</summary>
    internal static readonly (double MegaBits, double Seconds)[] GmpPoints =
    [
        (19.93, 0.107),  // i = 1,000,000
        (41.86, 0.236),  // i = 2,000,000
        (111.3, 0.711),  // i = 5,000,000
    ];

    // The Python figures below are CPU seconds of the sequential twin (real python3, the in-process
    // simulated targets at 0 ms so only Python's own cost is left), measured 2026-12-01 with
    // PythonTwinBudgetBenchmark (3 runs each, medians) while the 2-core machine ran at load ~20: CPU
    // time is what load inflates least, and a budget may err on the high side.

    /// <summary>
    /// One Python twin's fixed cost: starting python3 and importing the runner and the workload's
    /// libraries, to its first event: a 1-task hello twin took 0.74 s of CPU under load; 0.5 s assumed.
    /// </summary>
    public const double PythonStartSeconds = 0.5;

    /// <summary>Fixed cost of a task in a Python twin (JSON-line events, bookkeeping): 1,000 hellos at 0 ms added 0.04 s of CPU, rounded up.</summary>
    public const double PythonTaskOverheadSeconds = 0.000_1;

    /// <summary>
    /// One loopback GET with requests, its JSON read and one file written, in a Python twin: 200 genre
    /// calls at 0 ms took 0.38 s of CPU beyond the start (1.9 ms each; .NET 1.2 ms), rounded up like <see cref="HttpCallOverheadSeconds"/>.
    /// </summary>
    public const double PythonHttpCallOverheadSeconds = 0.005;

    /// <summary>
    /// BeautifulSoup's parse of a page for its first h1, per KB of HTML: 20 pages took 1.57 s of CPU at
    /// 100 KB and 6.38 s at 500 KB beyond the start, so (319 - 78) ms / 400 KB = 0.6 ms per KB; 0.65 assumed.
    /// </summary>
    public const double PythonParseSecondsPerKb = 0.000_65;

    /// <summary>
    /// Python's own integers, i**i with its bit length and SHA-256 as the twin reports them: (bits in
    /// millions, seconds of CPU), measured with time.process_time. 20-40x GMP's (<see cref="GmpPoints"/>)
    /// per task; a quiet machine measured 2.67 s for i = 1,000,000 (PERFORMANCE-ANCHORS), so these err high.
    /// </summary>
    internal static readonly (double MegaBits, double Seconds)[] PythonPoints =
    [
        (2.58, 0.22),    // i = 150,000
        (9.47, 1.6),     // i = 500,000
        (19.93, 3.6),    // i = 1,000,000
        (41.86, 11.9),   // i = 2,000,000
    ];

    private readonly RunServiceOptions _options;
    private readonly SimulationKnobs _knobs;
    private readonly IOptions<LabEngineOptions> _lab;

    public RunBudget(IOptions<RunServiceOptions> options, SimulationKnobs knobs, IOptions<LabEngineOptions> lab)
    {
        _options = options.Value;
        _knobs = knobs;
        _lab = lab;
    }

    public double LimitSeconds => _options.MaxRunSeconds;

    /// <summary>The estimate of <paramref name="plan"/> with the targets' knobs as they are now.</summary>
    public RunEstimate Estimate(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Real targets (Lab:RealTargets) are costed like a custom target: the tutorial's real timings.
        var custom = !string.IsNullOrWhiteSpace(_lab.Value.TargetBaseUrl) || plan.Targets == LabTargets.Real;
        var knobs = _knobs.Current;
        var tasks = Math.Max(0, plan.Parameters.TaskCount);
        var (total, basis) = plan.Parameters switch
        {
            HelloParameters hello => (tasks * (Math.Max(0, hello.DelayMs) / 1000.0 + TaskOverheadSeconds), "the wait of each greeting"),
            GenreParameters => custom
                ? (tasks * RealGenreCallSeconds, "custom targets: the tutorial's 0.28 s per real genre call assumed")
                : (tasks * (Latency(knobs.GenreLatencyMs, knobs.JitterMs) + HttpCallOverheadSeconds), "the simulated genre API's latency"),
            ScrapeParameters => custom
                ? (tasks * RealPageSeconds, "custom targets: the tutorial's 0.89 s per real page assumed")
                : (tasks * (Latency(knobs.PageLatencyMs, knobs.JitterMs) + HttpCallOverheadSeconds + ParseSecondsPerKb * knobs.PageSizeKb),
                    "the simulated pages' latency and size"),
            PowerParameters power => (PowerSeconds(power), $"i^i with the {PowerEngines.Id(PowerEngines.Resolve(power.Engine))} engine"),
            _ => (tasks * TaskOverheadSeconds, "unknown workload"),
        };

        // With runtime both, each strategy with a twin runs twice: once in .NET, once as its Python
        // twin, which costs what Python takes (interpreter start, slower per task, Python ints).
        var twins = plan.StrategyRuns.Count(PythonTwins.IsTwinKey);
        var strategies = plan.StrategyRuns.Count - twins;
        var python = twins == 0 ? 0 : PythonSeconds(plan.Parameters, knobs, custom);
        var repetitions = Math.Max(0, plan.Repeat) + Math.Max(0, plan.Warmup);
        return new RunEstimate(
            (total * strategies + python * twins) * repetitions,
            tasks,
            tasks == 0 ? 0 : total / tasks,
            strategies,
            repetitions,
            LimitSeconds,
            basis,
            custom && plan.Parameters is GenreParameters or ScrapeParameters)
        {
            PythonTwins = twins,
            PythonSecondsPerTask = tasks == 0 ? 0 : python / tasks,
        };
    }

    /// <summary>
    /// One Python twin's run of <paramref name="parameters"/>: the runner's start plus each task as
    /// Python does it. Against custom or real targets the tutorial's figures stand (they are Python's own).
    /// </summary>
    internal static double PythonSeconds(WorkloadParameters parameters, SimulationOptions knobs, bool custom)
    {
        var tasks = Math.Max(0, parameters.TaskCount);
        var work = parameters switch
        {
            HelloParameters hello => tasks * (Math.Max(0, hello.DelayMs) / 1000.0 + PythonTaskOverheadSeconds),
            GenreParameters => custom
                ? tasks * RealGenreCallSeconds
                : tasks * (Latency(knobs.GenreLatencyMs, knobs.JitterMs) + PythonHttpCallOverheadSeconds),
            ScrapeParameters => custom
                ? tasks * RealPageSeconds
                : tasks * (Latency(knobs.PageLatencyMs, knobs.JitterMs) + PythonHttpCallOverheadSeconds + PythonParseSecondsPerKb * knobs.PageSizeKb),
            PowerParameters power => PythonPowerSeconds(power),
            _ => tasks * PythonTaskOverheadSeconds,
        };
        return PythonStartSeconds + work;
    }

    /// <summary>Seconds of the Python twin's i^i tasks (Python's own integers, whatever the .NET engine).</summary>
    internal static double PythonPowerSeconds(PowerParameters power)
    {
        var count = Math.Max(0, power.Count);
        if (count > PowerParameters.MaxCount)
        {
            return count * (PowerTaskSeconds(PythonPoints, (long)power.Start + count / 2) + PythonTaskOverheadSeconds);
        }

        var total = 0.0;
        for (var k = 0; k < count; k++)
        {
            total += PowerTaskSeconds(PythonPoints, (long)power.Start + k);
        }

        return total + count * PythonTaskOverheadSeconds;
    }

    /// <summary>The estimate, or the "budget" problem when it is over the limit.</summary>
    /// <exception cref="InvalidParametersException">Over budget; the "budget" field names the estimate and the limit.</exception>
    public RunEstimate ThrowIfOverBudget(RunPlan plan)
    {
        var estimate = Estimate(plan);
        if (estimate.IsOverBudget)
        {
            throw new InvalidParametersException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["budget"] = [estimate.Refusal],
            });
        }

        return estimate;
    }

    /// <summary>Seconds of one i^i task, i in [start, start + count), summed.</summary>
    internal static double PowerSeconds(PowerParameters power)
    {
        var points = PowerEngines.Resolve(power.Engine) == PowerEngine.Gmp ? GmpPoints : ManagedPoints;
        var count = Math.Max(0, power.Count);
        if (count > PowerParameters.MaxCount)
        {
            // Not a plan that validates; an estimate still, without a loop of a billion steps.
            return count * (PowerTaskSeconds(points, (long)power.Start + count / 2) + TaskOverheadSeconds);
        }

        var total = 0.0;
        for (var k = 0; k < count; k++)
        {
            total += PowerTaskSeconds(points, (long)power.Start + k);
        }

        return total + count * TaskOverheadSeconds;
    }

    internal static double PowerTaskSeconds((double MegaBits, double Seconds)[] points, long i)
    {
        if (i < 2)
        {
            return 0;
        }

        var megaBits = i * Math.Log2(i) / 1e6;

        // Between two measured points, or beyond the ends with the nearest segment's slope.
        var segment = 0;
        while (segment < points.Length - 2 && megaBits > points[segment + 1].MegaBits)
        {
            segment++;
        }

        var (x0, y0) = points[segment];
        var (x1, y1) = points[segment + 1];
        var slope = Math.Log(y1 / y0) / Math.Log(x1 / x0);
        return y0 * Math.Pow(megaBits / x0, slope);
    }

    private static double Latency(int latencyMs, int jitterMs) => (latencyMs + jitterMs / 2.0) / 1000.0;
}
