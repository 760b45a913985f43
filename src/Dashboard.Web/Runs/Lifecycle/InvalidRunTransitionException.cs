namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>A run was asked to move between states that <see cref="RunLifecycle"/> does not allow.</summary>
public sealed class InvalidRunTransitionException(long runId, RunState from, RunState to)
    : InvalidOperationException($"Run {runId} cannot move from {RunLifecycle.ToText(from)} to {RunLifecycle.ToText(to)}.")
{
    public long RunId { get; } = runId;

    public RunState From { get; } = from;

    public RunState To { get; } = to;
}
