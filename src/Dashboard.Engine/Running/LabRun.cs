namespace Dashboard.Engine.Running;

/// <summary>A started run: its event stream (single reader) and its final result.</summary>
public sealed class LabRun(IAsyncEnumerable<LabEvent> events, Task<RunResult> completion)
{
    /// <summary>
    /// Every event of the run in order (StrategyStarted, TaskEvents, StrategyCompleted, ...); ends
    /// when the run ends. Read it once; events are buffered until read, never dropped.
    /// </summary>
    public IAsyncEnumerable<LabEvent> Events { get; } = events;

    /// <summary>Completes with the result; a cancelled run completes with <see cref="RunResult.Cancelled"/> set.</summary>
    public Task<RunResult> Completion { get; } = completion;
}
