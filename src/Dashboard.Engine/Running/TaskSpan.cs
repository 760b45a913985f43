namespace Dashboard.Engine.Running;

/// <summary>Final state of one task.</summary>
public enum TaskStatus
{
    Ok,
    Failed,
    Cancelled,
}

/// <summary>
/// One task's bar on a timeline. <see cref="Start"/> and <see cref="End"/> are seconds since
/// the strategy repetition started. <see cref="Node"/> names the lab node (silo) for the cluster
/// strategy; null elsewhere.
/// </summary>
public sealed record TaskSpan(int Task, Lane Lane, double Start, double End, TaskStatus Status, string? Detail = null, string? Node = null)
{
    /// <summary>
    /// Every thread the task ran on, in order, each resumption on another thread adding one entry
    /// (one entry when it never left its thread); null when not recorded.
    /// </summary>
    public IReadOnlyList<int>? Threads { get; init; }

    /// <summary>Why the task failed (its detail); null unless it failed. Every export writes it as <c>error</c>.</summary>
    [System.Text.Json.Serialization.JsonInclude]
    public string? Error => Status != TaskStatus.Failed ? null : string.IsNullOrWhiteSpace(Detail) ? Findings.FailuresFinder.NoReason : Detail;
}
