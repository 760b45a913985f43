using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// The aggregated feed of a large run (<see cref="Lifecycle.RunServiceOptions.AggregateAbove"/>):
/// task events are counted per strategy repetition and time bucket instead of kept one by one, and
/// each publish turns the counts gathered since the last one into a few "tally" wire events (one per
/// bucket touched), so a million-task run streams a few thousand small events instead of two million.
/// Not thread-safe: the owning <see cref="Lifecycle.LiveRun"/> calls it under its lock.
/// </summary>
public sealed class TaskTallies
{
    /// <summary>Bucket width in seconds: finer than the race's pixels for runs of a few seconds, coarse enough to stay small for minutes.</summary>
    public const double BucketSeconds = 0.05;

    // Buckets a tally may name: a repetition longer than this many buckets (about 14 hours) folds into the last one.
    private const int MaxBucket = 1_000_000;

    private readonly SortedDictionary<(string Strategy, int Repetition, int Bucket), int[]> _pending = new();

    /// <summary>Nothing counted since the last <see cref="Flush"/>.</summary>
    public bool IsEmpty => _pending.Count == 0;

    /// <summary>Counts one task event at <paramref name="seconds"/> since its repetition started; queued and progress events are not counted.</summary>
    public void Count(TaskEvent task, double seconds)
    {
        ArgumentNullException.ThrowIfNull(task);
        Count(task.Strategy, task.Repetition, task.Kind, seconds);
    }

    /// <summary>Counts one task of <paramref name="strategy"/>'s <paramref name="repetition"/> that <paramref name="kind"/> at <paramref name="seconds"/>.</summary>
    public void Count(string strategy, int repetition, TaskEventKind kind, double seconds)
    {
        var slot = kind switch
        {
            TaskEventKind.Started => 0,
            TaskEventKind.Completed => 1,
            TaskEventKind.Failed => 2,
            TaskEventKind.Cancelled => 3,
            _ => -1,
        };
        if (slot < 0)
        {
            return;
        }

        var bucket = (int)Math.Clamp(Math.Floor(seconds / BucketSeconds), 0, MaxBucket);
        var key = (strategy, repetition, bucket);
        if (!_pending.TryGetValue(key, out var counts))
        {
            _pending[key] = counts = new int[4];
        }

        counts[slot]++;
    }

    /// <summary>Turns what was counted into tally events numbered from <paramref name="lastSeq"/> + 1, in strategy, repetition and bucket order.</summary>
    public void Flush(List<WireEvent> events, ref long lastSeq, double wallMs)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var ((strategy, repetition, bucket), c) in _pending)
        {
            events.Add(new WireEvent(++lastSeq, WireEventConverter.TallyType, strategy, repetition, bucket, null,
                Math.Round(bucket * BucketSeconds, 6), wallMs, null, null,
                Tally: new TaskTally(BucketSeconds, c[0], c[1], c[2], c[3])));
        }

        _pending.Clear();
    }
}
