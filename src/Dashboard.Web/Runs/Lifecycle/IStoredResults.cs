using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// Where the live feed reads back the spans of a finished run whose timeline it no longer keeps in
/// memory (<see cref="LiveRun.ReleaseEvents"/>). Storage provides it; without storage there is none.
/// </summary>
public interface IStoredResults
{
    /// <summary>The stored run's results with their spans; null when the run is not stored.</summary>
    Task<IReadOnlyList<StrategyResult>?> GetAsync(long runId, CancellationToken cancellationToken);
}
