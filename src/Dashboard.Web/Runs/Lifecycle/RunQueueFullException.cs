namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>The queue holds as many runs as it may; try again when one has finished.</summary>
public sealed class RunQueueFullException(int capacity)
    : InvalidOperationException($"The run queue is full ({capacity} runs waiting). Wait for a run to finish or cancel one.")
{
    public int Capacity { get; } = capacity;
}
