namespace Dashboard.Engine.Strategies;

/// <summary>
/// Parallel.ForEachAsync over the async form with MaxDegreeOfParallelism = the parallel degree
/// (default: cores). With background priority its bodies run on a scheduler of lowered-priority
/// dedicated threads instead of the shared thread pool.
/// </summary>
internal sealed class ParallelStrategy : IStrategy
{
    /// <summary>Python has no Parallel.ForEach: no twin.</summary>
    public static StrategyDescriptor Descriptor { get; } = new()
    {
        Id = StrategyIds.Parallel,
        Name = "parallel",
        Hint = o => $"Parallel.ForEach(Async), {o.EffectiveParallelDegree} at a time (degree = cores).",
        Placement = StrategyPlacement.InProcess,
        Concurrency = Concurrency.FixedThreads,
        Size = new(StrategyKnobs.ParallelDegree, "degree"),
        Lanes = q => StrategyKnobs.ParallelDegree.Value(q.Options, q.Cores)!.Value,
        QueueReason = (o, cores) => o.ParallelDegree is null ? $"degree = {cores} cores" : "its degree",
        Create = () => new ParallelStrategy(),
    };

    public string Id => Descriptor.Id;

    public async Task RunAsync(StrategyContext context)
    {
        var degree = context.Options.EffectiveParallelDegree;
        using var scheduler = context.BackgroundPriority
            ? new DedicatedThreadScheduler(Math.Min(degree, context.TaskCount), lowPriority: true, "lab parallel")
            : null;
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = degree,
            TaskScheduler = scheduler ?? TaskScheduler.Default,
        };

        // The token is not given to Parallel: each body checks it, so tasks not yet run end as
        // cancelled one by one (cheap) instead of Parallel throwing mid-way.
        await Parallel.ForEachAsync(Enumerable.Range(0, context.TaskCount), options,
            async (task, _) => await context.RunAsync(task).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
