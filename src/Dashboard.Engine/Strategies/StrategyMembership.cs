namespace Dashboard.Engine.Strategies;

/// <summary>Whether a strategy is part of "all" (a run's, the bench's and the form's default).</summary>
public enum StrategyMembership
{
    /// <summary>Part of "all": runs on this machine alone.</summary>
    All,

    /// <summary>Chosen by name only, because it needs something beyond this machine (lab nodes).</summary>
    ByName,

    /// <summary>A lesson that fails on purpose; chosen by name only, never part of "all".</summary>
    Lesson,
}
