namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>A run's state changed. <paramref name="From"/> is null when the run entered the queue.</summary>
/// <param name="Run">The run as it is right after the change.</param>
public sealed record RunTransition(RunState? From, RunSummary Run)
{
    public RunState To => Run.State;
}
