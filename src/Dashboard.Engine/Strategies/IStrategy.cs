namespace Dashboard.Engine.Strategies;

/// <summary>
/// One way to execute the N tasks of a workload. Runs every task exactly once (each ends
/// completed, failed or cancelled), lets no task's failure stop the others, and returns
/// promptly once the context's token is cancelled.
/// </summary>
internal interface IStrategy
{
    string Id { get; }

    Task RunAsync(StrategyContext context);
}
