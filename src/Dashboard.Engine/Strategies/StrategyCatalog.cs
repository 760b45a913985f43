using System.Globalization;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// The one list of strategies, in the dashboard's order. Every layer asks it what exists and what
/// each strategy is; a new strategy is its class with its <see cref="StrategyDescriptor"/>, one line
/// here, and (when it has one) its Python twin.
/// </summary>
public static class StrategyCatalog
{
    /// <summary>Every strategy, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<StrategyDescriptor> All { get; } =
    [
        SequentialStrategy.Descriptor,
        ThreadsStrategy.Descriptor,
        ThreadPoolStrategy.Descriptor,
        AsyncStrategy.Descriptor,
        ParallelStrategy.Descriptor,
        ProcessesStrategy.SequentialDescriptor,
        ProcessesStrategy.AsyncDescriptor,
        ClusterStrategy.Descriptor,
        SyncOverAsyncStrategy.Descriptor,
        LockInLoopStrategy.Descriptor,
        StarvedPoolStrategy.Descriptor,
        ClusterStrategy.BlockingDescriptor,
    ];

    private static readonly Dictionary<string, StrategyDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> Positions = All.Select((d, i) => (d.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

    /// <summary>Every strategy id a plan may name, in dashboard order.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(d => d.Id)];

    /// <summary>What "all" means for a run, the bench and the form's default: the strategies that run on this machine alone.</summary>
    public static IReadOnlyList<string> DefaultIds { get; } = [.. All.Where(d => d.Membership == StrategyMembership.All).Select(d => d.Id)];

    /// <summary>The strategy speedups are measured against (one task after another).</summary>
    public static StrategyDescriptor Baseline { get; } = All.Single(d => d.IsBaseline);

    /// <summary>The strategies a scaling sweep varies, in dashboard order.</summary>
    public static IReadOnlyList<StrategyDescriptor> Sized { get; } = [.. All.Where(d => d.Size is not null)];

    /// <summary>The strategies with a Python twin, in dashboard order.</summary>
    public static IReadOnlyList<StrategyDescriptor> WithTwin { get; } = [.. All.Where(d => d.Twin is not null)];

    public static bool IsKnown(string id) => ById.ContainsKey(id);

    /// <summary>The strategy with this id, or null.</summary>
    public static StrategyDescriptor? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>The strategy with this id.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown id.</exception>
    public static StrategyDescriptor Get(string id) =>
        Find(id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown strategy.");

    /// <summary>
    /// The strategy behind a result key: a strategy id, a sweep point ("threadpool@4",
    /// <see cref="StrategySizes"/>) or a Python twin's key ("python-threads", <see cref="PythonTwins"/>); null for anything else.
    /// </summary>
    public static StrategyDescriptor? Of(string key) => Find(PythonTwins.StrategyOf(StrategySizes.StrategyOf(key)));

    /// <summary>Where a result key's tasks ran: a twin's in Python, else its strategy's placement; null for an unknown key.</summary>
    public static StrategyPlacement? PlacementOf(string key) =>
        PythonTwins.IsTwinKey(key) ? StrategyPlacement.Python : Of(key)?.Placement;

    /// <summary>What a result key's strategy starts before its first task (a twin's: the interpreter); in process for an unknown key.</summary>
    public static StrategyStartup StartupOf(string key) => StrategyStartup.For(PlacementOf(key) ?? StrategyPlacement.InProcess);

    /// <summary>True when a result key is the baseline of its runtime (sequential, or its Python twin).</summary>
    public static bool IsBaseline(string key) => !StrategySizes.IsPoint(key) && Of(key) is { IsBaseline: true };

    /// <summary>
    /// How a result key reads on the pages: "thread pool" for "threadpool", "Python thread pool"
    /// for its twin, a sweep point with its size ("thread pool ×4"); an unknown key as it is.
    /// </summary>
    public static string Name(string key)
    {
        if (PythonTwins.IsTwinKey(key))
        {
            return Get(PythonTwins.StrategyOf(key)).Twin!.Name;
        }

        if (StrategySizes.TryParse(key, out var sized, out var size))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Name(sized)} ×{size}");
        }

        return Find(key)?.Name ?? key;
    }

    /// <summary>One line on what a result key does with these knobs: a twin's own line for a twin's key; an unknown key as it is.</summary>
    public static string Hint(string key, StrategyOptions options) => PythonTwins.IsTwinKey(key)
        ? Get(PythonTwins.StrategyOf(key)).Twin!.Hint(options)
        : Find(key)?.Hint(options) ?? key;

    /// <summary>
    /// How many tasks a result key can have going at once; null when no limit model covers it. A
    /// sweep point counts with its size; a Python twin as its strategy, except that a GIL-bound
    /// twin runs CPU-bound work one lane at a time.
    /// </summary>
    public static int? Lanes(string key, LaneQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (StrategySizes.TryParse(key, out var sized, out var size))
        {
            return Lanes(sized, question with { Options = Get(sized).Size!.Apply(question.Options, size) });
        }

        if (PythonTwins.IsTwinKey(key))
        {
            var twinOf = Get(PythonTwins.StrategyOf(key));
            return question.CpuBound && twinOf.Twin!.GilBound ? 1 : twinOf.Lanes?.Invoke(question);
        }

        return Find(key)?.Lanes?.Invoke(question);
    }

    /// <summary>A strategy id's or sweep point's place in the dashboard's order; a Python twin's key and unknown keys come last.</summary>
    public static int Order(string key) => Positions.TryGetValue(StrategySizes.StrategyOf(key), out var position) ? position : int.MaxValue;

    /// <summary>"sequential, threads, ..." for messages that list the ids.</summary>
    public static string IdList => string.Join(", ", Ids);
}
