namespace Dashboard.Engine.Workloads;

/// <summary>What one task gets while it runs: its index, cancellation and a way to report progress.</summary>
public sealed class TaskContext(int task, Action<string>? progress, CancellationToken cancellationToken)
{
    public int Task { get; } = task;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Reports progress that means something (e.g. "bytes 40960"); cheap when nobody listens.</summary>
    public void ReportProgress(string detail) => progress?.Invoke(detail);
}
