using System.Text.Json.Serialization;

namespace Dashboard.Web.Bench;

/// <summary>
/// One task's bar: seconds since its strategy repetition started, the lane "pid:tid", ok/failed/cancelled,
/// and for the cluster strategy the node (silo name) that ran it (null elsewhere, left out of the JSON).
/// </summary>
public sealed record BenchSpan(int Task, string Lane, double Start, double End, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Node = null)
{
    /// <summary>Every thread id the task ran on, in order (one entry when it never left its thread).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Threads { get; init; }

    /// <summary>Seconds on a core running the task (<see cref="Engine.Running.TaskSpan.Cpu"/>); null when not measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Cpu { get; init; }

    /// <summary>Seconds runnable but not running (<see cref="Engine.Running.TaskSpan.Ready"/>); null when not measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Ready { get; init; }

    /// <summary>Seconds between processes outside the span (<see cref="Engine.Running.TaskSpan.Transfer"/>); null in process.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Transfer { get; init; }

    /// <summary>Why the task failed (<see cref="Engine.Running.TaskSpan.Error"/>); null, and left out, unless it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
