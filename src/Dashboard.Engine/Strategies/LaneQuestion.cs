namespace Dashboard.Engine.Strategies;

/// <summary>What a strategy's lane count depends on: its knobs, the machine's cores, the task count, and whether the work computes.</summary>
/// <param name="CpuBound">True for work that only computes (a wait-free task holds its lane for its whole length).</param>
public sealed record LaneQuestion(StrategyOptions Options, int Cores, int Tasks, bool CpuBound);
