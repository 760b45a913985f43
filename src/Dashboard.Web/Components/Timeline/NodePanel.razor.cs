using Dashboard.Engine.Cluster;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Host;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// The node panel of a run with the cluster strategy: one row per lab node with its name, pid,
/// address, slots, join time, tasks run and CPU. The rows come from <see cref="NodeSummary.Of"/>
/// over the run's results (live: each repetition reports its nodes), else the stored run's
/// environment; while a repetition starts its nodes, each joins the table as it joins the cluster
/// (<see cref="Runs.Lifecycle.RunSummary.Startup"/>); while it runs, the page's task events add the
/// nodes and counts seen so far.
/// </summary>
public sealed partial class NodePanel : ComponentBase
{
    private IReadOnlyList<NodeRow> _rows = [];

    /// <summary>The run (its results and live task events).</summary>
    [Parameter, EditorRequired]
    public LiveRunModel Model { get; set; } = default!;

    /// <summary>The stored run's environment (its nodes), when read from the store.</summary>
    [Parameter]
    public RunEnvironment? Environment { get; set; }

    private bool HasCluster => Model.Run.Plan.StrategyRuns.Any(s => StrategyCatalog.PlacementOf(s) == StrategyPlacement.LabNodes);

    protected override void OnParametersSet()
    {
        if (!HasCluster)
        {
            _rows = [];
            return;
        }

        var reported = NodeSummary.Of(Model.Results);
        _rows = Rows(reported.Count > 0 ? reported : Environment?.Nodes ?? [], Model.Run.Startup?.Nodes ?? [], Model.LiveNodes);
    }

    /// <summary>
    /// The reported nodes, their task counts raised to what the live events counted; then the nodes
    /// that joined while the running repetition started them (pid, address, slots and join known,
    /// CPU not yet); then the nodes seen only in task events.
    /// </summary>
    internal static IReadOnlyList<NodeRow> Rows(
        IReadOnlyList<NodeSummary> reported, IReadOnlyList<ClusterNode> joined, IReadOnlyDictionary<string, (string Lane, int Tasks)> live)
    {
        var rows = reported.Select(n => new NodeRow(n.Name, n.ProcessId, n.Address, n.Slots, Joined(n.JoinSeconds),
            Math.Max(n.TasksRun, live.GetValueOrDefault(n.Name).Tasks), n.CpuSeconds)).ToList();
        foreach (var node in joined.OrderBy(n => n.Name.Length).ThenBy(n => n.Name, StringComparer.Ordinal))
        {
            if (rows.Count < NodeSummary.MaxNodes && rows.All(r => r.Name != node.Name))
            {
                rows.Add(new NodeRow(node.Name, node.ProcessId, node.Address, node.Slots, Joined(node.JoinSeconds), live.GetValueOrDefault(node.Name).Tasks, null));
            }
        }

        foreach (var (name, seen) in live.OrderBy(n => n.Key.Length).ThenBy(n => n.Key, StringComparer.Ordinal))
        {
            if (rows.Count < NodeSummary.MaxNodes && rows.All(r => r.Name != name))
            {
                rows.Add(new NodeRow(name, Pid(seen.Lane), null, null, "–", seen.Tasks, null));
            }
        }

        return rows;
    }

    private static string Joined(double? seconds) => seconds is { } s ? $"in {Fmt.Seconds(s)}" : "already running";

    private static int? Pid(string lane) =>
        lane.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && int.TryParse(lane.AsSpan(0, colon), out var pid) ? pid : null;

    internal sealed record NodeRow(string Name, int? ProcessId, string? Address, int? Slots, string Joined, int TasksRun, double? CpuSeconds);
}
