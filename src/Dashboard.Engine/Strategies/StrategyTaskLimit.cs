namespace Dashboard.Engine.Strategies;

/// <summary>The most tasks a strategy takes in one run, and why, in the words a refusal uses.</summary>
/// <param name="Max">The largest task count it runs.</param>
/// <param name="Why">"each task is an OS thread with its own stack (1 MB reserved) ..."</param>
public sealed record StrategyTaskLimit(int Max, string Why);
