namespace Dashboard.Engine.Strategies;

/// <summary>A plain loop over the blocking form on one dedicated thread (the tutorial's sync.py).</summary>
internal sealed class SequentialStrategy : IStrategy
{
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.Sequential,
        Name = "sequential",
        Hint = _ => "One task after another on one thread: the baseline.",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.OneAtATime,
        IsBaseline = true,
        Lanes = _ => 1,
        Twin = new() { Name = "Python sequential", Hint = _ => "A plain loop in one Python process: the Python baseline." },
        Create = () => new SequentialStrategy(),
    };

    public string Id => Descriptor.Id;

    // RunBlocking checks the token first, so after a cancel the rest end as cancelled at once.
    public Task RunAsync(StrategyContext context) =>
        DedicatedThread.RunAsync("lab sequential", context.BackgroundPriority, () =>
            TaskLoop.RunSequential(context.Workload, TaskLoop.Of(Enumerable.Range(0, context.TaskCount)), context, context.CancellationToken));
}
