using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// A run as the store keeps it: the summary (results with their stored spans) and what the store
/// knows besides. When <paramref name="EventsSampled"/> is true, the results' span lists hold
/// <paramref name="StoredEventCount"/> of the run's <paramref name="TotalEventCount"/> spans,
/// spread evenly over time; every other figure of the results is exact.
/// </summary>
/// <param name="Environment">Where the run ran (OS, .NET, cores, ...), or null when unknown.</param>
public sealed record StoredRun(
    RunSummary Run,
    RunEnvironment? Environment,
    bool EventsSampled,
    int StoredEventCount,
    int TotalEventCount,
    bool Imported);
