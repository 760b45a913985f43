namespace Dashboard.Engine.Strategies;

/// <summary>
/// Everything the dashboard knows about one strategy besides its code: names and hints, where its
/// tasks run and how many at once, its size knob, its Python twin, and the facts Explain reasons
/// from. <see cref="StrategyCatalog"/> lists them; every layer (API, Run page, bench, budget,
/// limits, Explain, exports, stored timelines, twins) reads them instead of keeping its own list.
/// </summary>
public sealed record StrategyDescriptor
{
    /// <summary>The id plans, the API, the bench and stored runs use ("threadpool").</summary>
    public required string Id { get; init; }

    /// <summary>Its .NET display name ("thread pool").</summary>
    public required string Name { get; init; }

    /// <summary>One line on what it does with these knobs, on this machine.</summary>
    public required Func<StrategyOptions, string> Hint { get; init; }

    /// <summary>Where its tasks run.</summary>
    public required StrategyPlacement Placement { get; init; }

    /// <summary>What it starts before its first task, and whether its wall time counts that start.</summary>
    public StrategyStartup Startup => StrategyStartup.For(Placement);

    /// <summary>How it has tasks going at once in each place it runs.</summary>
    public required Concurrency Concurrency { get; init; }

    /// <summary>Whether "all" includes it.</summary>
    public StrategyMembership Membership { get; init; } = StrategyMembership.All;

    /// <summary>True for the strategy every speedup is measured against (one task after another).</summary>
    public bool IsBaseline { get; init; }

    /// <summary>Its size knob, when a scaling sweep can vary it; null otherwise.</summary>
    public StrategySize? Size { get; init; }

    /// <summary>Its Python twin; null when Python has no counterpart.</summary>
    public PythonTwin? Twin { get; init; }

    /// <summary>
    /// How many tasks it can have going at once (its lanes): what its latency or CPU limit assumes.
    /// Null when no limit model covers it (it then gets no limit).
    /// </summary>
    public Func<LaneQuestion, int>? Lanes { get; init; }

    /// <summary>Why only so many of its tasks wait at once, with these knobs on this many cores ("its pool size"); null when nothing caps it.</summary>
    public Func<StrategyOptions, int, string>? QueueReason { get; init; }

    /// <summary>In-process strategies that run the same work side by side, best match first: what its process start-up is measured against.</summary>
    public IReadOnlyList<string> InProcessPeers { get; init; } = [];

    /// <summary>
    /// The most tasks this strategy takes in one run, with the reason (null: the workload's own
    /// limit). Threads stop at 10,000 because each is an OS thread with its own stack; async shapes
    /// go to the workload's limit (a million hellos), since a wait there holds no thread.
    /// </summary>
    public StrategyTaskLimit? TaskLimit { get; init; }

    /// <summary>Creates the strategy (required in practice: the catalogue's test checks every descriptor has one).</summary>
    internal Func<IStrategy>? Create { get; init; }
}
