using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// Whether a strategy's measured wall time includes its start-up, and why: in-process .NET
/// strategies have none; worker processes and Python's interpreter start inside the wall, as the
/// tutorial's process pool and script did (the cost of that choice is part of its lesson); lab nodes
/// too, on the run that starts them (a cluster is worth it only when its work outweighs joining it;
/// later runs reuse the nodes and pay only the join).
/// </summary>
public static class StartupInWall
{
    /// <summary>A short label for the race row ("start-up counted"), or null when there is none.</summary>
    public static string? Label(string key) => Placement(key) == StrategyPlacement.InProcess ? null : "start-up counted";

    /// <summary>One sentence for <paramref name="key"/>.</summary>
    public static string Sentence(string key) => Placement(key) switch
    {
        StrategyPlacement.WorkerProcesses => "Its wall time includes starting its worker processes, as the tutorial's process pool did.",
        StrategyPlacement.Python => "Its wall time includes starting the Python interpreter, as running the tutorial's script does.",
        StrategyPlacement.LabNodes => "Its wall time includes starting and joining lab nodes when this run started them; later runs reuse them.",
        _ => "No start-up: it runs in the app's own process, so its wall time is its tasks.",
    };

    private static StrategyPlacement Placement(string key) => StrategyCatalog.PlacementOf(key) ?? StrategyPlacement.InProcess;
}
