using Dashboard.Engine.Running;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Cluster;

/// <summary>
/// One lab node over a whole run: what the node panel shows, live and from the store. Built in one
/// place (<see cref="Of"/>) from the repetitions' <see cref="StrategyResult.Nodes"/> and spans.
/// </summary>
/// <param name="JoinSeconds">Seconds it took to join when the run started it; null when the run found it running.</param>
/// <param name="TasksRun">Tasks that ran on it (their spans name it), warm-ups included.</param>
/// <param name="CpuSeconds">CPU its process used running the run's tasks, summed over repetitions.</param>
public sealed record NodeSummary(string Name, int ProcessId, string Address, int Slots, double? JoinSeconds, int TasksRun, double CpuSeconds)
{
    /// <summary>Nodes listed at most (a cluster of more is summarised by its first ones).</summary>
    public const int MaxNodes = 64;

    /// <summary>Every node the run's repetitions used, by name (numeric order), the last repetition's description winning.</summary>
    public static IReadOnlyList<NodeSummary> Of(IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byName = new Dictionary<string, NodeSummary>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            // Counted as the spans go by: a stored million-task repetition is never held.
            var tasks = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var span in result.Spans.Where(s => s.Node is not null && (s.End > s.Start || s.Status != TaskStatus.Cancelled)))
            {
                tasks[span.Node!] = tasks.GetValueOrDefault(span.Node!) + 1;
            }

            foreach (var node in result.Nodes ?? [])
            {
                var ran = tasks.GetValueOrDefault(node.Name);
                byName[node.Name] = byName.TryGetValue(node.Name, out var earlier)
                    ? new(node.Name, node.ProcessId, node.Address, node.Slots, earlier.JoinSeconds ?? node.JoinSeconds,
                        earlier.TasksRun + ran, Math.Round(earlier.CpuSeconds + node.CpuSeconds, 6))
                    : new(node.Name, node.ProcessId, node.Address, node.Slots, node.JoinSeconds, ran, Math.Round(node.CpuSeconds, 6));
            }
        }

        return [.. byName.Values.OrderBy(n => n.Name.Length).ThenBy(n => n.Name, StringComparer.Ordinal).Take(MaxNodes)];
    }
}
