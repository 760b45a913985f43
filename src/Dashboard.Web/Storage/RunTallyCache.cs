using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Storage;

/// <summary>
/// A finished large run's aggregated timeline (<see cref="StoredTimeline.Events"/> with its spans
/// counted per bucket), computed once per run
/// and shared by every page that opens it: ten pages on a reopened million-task run decode its
/// spans once, chunk by chunk, not ten times into objects. Keeps the last <see cref="MaxRuns"/> runs.
/// </summary>
public sealed class RunTallyCache
{
    /// <summary>Runs whose tallies are kept (each a few thousand small events).</summary>
    public const int MaxRuns = 16;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Lazy<IReadOnlyList<WireEvent>>> _runs = [];
    private readonly Queue<long> _order = new();

    /// <summary>The tally events of <paramref name="run"/> (a finished run), computed on first use.</summary>
    public IReadOnlyList<WireEvent> Get(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Lazy<IReadOnlyList<WireEvent>>? entry;
        lock (_gate)
        {
            if (!_runs.TryGetValue(run.Id, out entry))
            {
                entry = new Lazy<IReadOnlyList<WireEvent>>(() => StoredTimeline.Events(run, aggregated: true), LazyThreadSafetyMode.ExecutionAndPublication);
                _runs[run.Id] = entry;
                _order.Enqueue(run.Id);
                while (_order.Count > MaxRuns)
                {
                    _runs.Remove(_order.Dequeue());
                }
            }
        }

        return entry.Value;
    }
}
