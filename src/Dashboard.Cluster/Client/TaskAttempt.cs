
namespace Dashboard.Cluster.Client;

/// <summary>One send of a task to a node; abandoned when that node dies or the call is taken as lost.</summary>
internal sealed class TaskAttempt(int task, int number, NodeSlots node)
{
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Task { get; } = task;

    public int Number { get; } = number;

    public NodeSlots Node { get; } = node;

    public Task Abandoned => _abandoned.Task;

    public void Abandon() => _abandoned.TrySetResult();
}
