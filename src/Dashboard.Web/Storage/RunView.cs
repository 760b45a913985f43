using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// A run as pages and the API show it: live from the queue while queued or running, else from
/// the store. <see cref="EventsSampled"/> and the counts describe the stored spans (a live run
/// holds all of its spans).
/// </summary>
public sealed record RunView(
    RunSummary Run,
    RunEnvironment? Environment,
    bool EventsSampled,
    int StoredEventCount,
    int TotalEventCount,
    bool Imported,
    bool Live);
