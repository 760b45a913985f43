using System.Globalization;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// What a strategy starts before its first task, and whether that start counts in its measured wall
/// time: the one rule the race rows, the timelines, the status line and Explain read (through
/// <see cref="StrategyDescriptor.Startup"/> and <see cref="StrategyCatalog.StartupOf"/>).
/// </summary>
/// <remarks>
/// Worker processes and Python's interpreter start inside the wall, as the tutorial's process pool
/// and script did: the cost of starting a process is part of that lesson. Lab nodes too, on the
/// repetition that starts them: a cluster is worth it only when its work outweighs starting and
/// joining it, so hiding the join would flatter it; later repetitions and runs reuse the running
/// nodes and pay nothing, which their own timelines show.
/// </remarks>
/// <param name="Placement">Where the strategy's tasks run.</param>
/// <param name="Segment">The start-up segment's label on the race and the timelines ("node start"); null in process.</param>
/// <param name="Sentence">Whether the start counts in the wall time, and why, in one sentence.</param>
public sealed record StrategyStartup(StrategyPlacement Placement, string? Segment, string Sentence)
{
    /// <summary>True when the strategy starts something before its first task and its wall time includes it.</summary>
    public bool Counted => Segment is not null;

    /// <summary>The short mark for a race row ("start-up counted"), or null when there is no start-up.</summary>
    public string? Mark => Counted ? "start-up counted" : null;

    /// <summary>The rule for <paramref name="placement"/>.</summary>
    public static StrategyStartup For(StrategyPlacement placement) => placement switch
    {
        StrategyPlacement.WorkerProcesses => new(placement, "worker start",
            "Start-up counts: its wall time includes starting its worker processes, as the tutorial's process pool did."),
        StrategyPlacement.Python => new(placement, "interpreter start",
            "Start-up counts: its wall time includes starting the Python interpreter and its imports, as running the tutorial's script does."),
        StrategyPlacement.LabNodes => new(placement, "node start",
            "Start-up counts on the repetition that starts the lab nodes: a cluster pays off only when its work outweighs joining it; " +
            "later repetitions and runs reuse the running nodes and pay nothing."),
        _ => new(placement, null, "No start-up: it runs in the app's own process, so its wall time is its tasks."),
    };

    /// <summary>
    /// The status line while it starts, before its first task: "starting 2 worker processes…";
    /// null in process. <paramref name="options"/> are the run's knobs (how many workers).
    /// </summary>
    public string? Starting(StrategyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Placement switch
        {
            StrategyPlacement.WorkerProcesses => options.EffectiveProcessCount == 1
                ? "starting 1 worker process…"
                : $"starting {options.EffectiveProcessCount} worker processes…",
            StrategyPlacement.Python => "starting the Python interpreter…",
            StrategyPlacement.LabNodes => "starting or reaching the lab nodes…",
            _ => null,
        };
    }

    /// <summary>The cluster's status line while the nodes it starts join: "starting 2 lab nodes… 1 of 2 joined".</summary>
    public static string NodesJoining(int joined, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"starting {count} lab {(count == 1 ? "node" : "nodes")}… {joined} of {count} joined");

    /// <summary>The cluster's status line once every node it started joined, while the app connects to them.</summary>
    public static string NodesConnecting(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} of {count} lab {(count == 1 ? "node" : "nodes")} joined; connecting to {(count == 1 ? "it" : "them")}…");

    /// <summary>What starts before the first task, as the subject of Explain's sentence ("Starting and joining the lab nodes").</summary>
    public string What => Placement switch
    {
        StrategyPlacement.Python => "Starting the Python interpreter and its imports",
        StrategyPlacement.LabNodes => "Starting and joining the lab nodes",
        StrategyPlacement.WorkerProcesses => "Starting its worker processes",
        _ => "Nothing",
    };
}
