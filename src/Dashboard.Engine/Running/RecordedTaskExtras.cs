namespace Dashboard.Engine.Running;

/// <summary>
/// What few tasks of a repetition have (<see cref="RecordedTask"/>): the node that ran it, the
/// split measured elsewhere, the transfer, the threads beyond the first two. Made on first use,
/// so a million hello tasks carry one empty reference each instead of four fields.
/// </summary>
internal sealed class RecordedTaskExtras
{
    public string? Node;

    /// <summary>The split measured elsewhere (a worker process, a Python twin).</summary>
    public TaskTiming? Timing;

    /// <summary>Transfer seconds; NaN when none.</summary>
    public double Transfer = double.NaN;

    /// <summary>Threads after the first two, in order.</summary>
    public List<int>? MoreThreads;
}
