namespace Dashboard.Web.Components.Shared;

/// <summary>Where one strategy of a live run is.</summary>
public enum StrategyPhase
{
    Waiting,
    Running,
    Finished,
    Cancelled,

    /// <summary>The run ended (cancelled or failed) before this strategy started.</summary>
    Skipped,
}

/// <summary>
/// Live counts of one strategy over all its repetitions (warmups included: they run tasks too).
/// Done counts every task that ended ok or failed; Failed is the failed share of it.
/// </summary>
public sealed class StrategyProgress(string strategy, int total)
{
    public string Strategy { get; } = strategy;

    public int Total { get; } = total;

    public int Done { get; internal set; }

    public int Failed { get; internal set; }

    public int Running { get; internal set; }

    public StrategyPhase Phase { get; internal set; }

    /// <summary>Tasks the repetition under way has started so far: 0 while it starts its workers, interpreter or nodes.</summary>
    public int StartedInRepetition { get; internal set; }

    /// <summary>The repetition under way (negative for warmups), null before the first.</summary>
    public int? Repetition { get; internal set; }

    /// <summary>Unix ms when the repetition under way (or the last one) started, from the event.</summary>
    public double? StartedWallMs { get; internal set; }

    /// <summary>Unix ms when that repetition ended; null while it runs.</summary>
    public double? EndedWallMs { get; internal set; }

    /// <summary>The summed length of its repetitions before the latest one, in ms.</summary>
    public double EarlierRepetitionsMs { get; private set; }

    /// <summary>
    /// Its own running time: the sum of its repetitions so far, the one under way up to
    /// <paramref name="now"/> (frozen once it ended). Repetitions of several strategies interleave,
    /// so a strategy waiting for the others' repetitions does not count their time as its own.
    /// </summary>
    public TimeSpan Elapsed(DateTimeOffset now)
    {
        if (StartedWallMs is not { } start)
        {
            return TimeSpan.Zero;
        }

        var end = EndedWallMs ?? now.ToUnixTimeMilliseconds();
        return TimeSpan.FromMilliseconds(EarlierRepetitionsMs + Math.Max(0, end - start));
    }

    /// <summary>A repetition starts at <paramref name="wallMs"/>: the previous one's length joins the earlier ones.</summary>
    internal void StartRepetition(double wallMs)
    {
        if (StartedWallMs is { } start && EndedWallMs is { } end)
        {
            EarlierRepetitionsMs += Math.Max(0, end - start);
        }

        StartedWallMs = wallMs;
        EndedWallMs = null;
    }

    public double Percent => Total == 0 ? 0 : Math.Min(100, 100.0 * Done / Total);

    public double OkPercent => Total == 0 ? 0 : Math.Min(100, 100.0 * (Done - Failed) / Total);
}
