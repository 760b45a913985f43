namespace Dashboard.Web.Runs;

/// <summary>
/// The one owner of run state rules: which moves are legal, which states are final, and how a
/// state is written as text (API, UI, store). The queue, the run service, the store and import
/// all ask here instead of keeping their own lists.
/// <code>
/// queued  -> running | cancelled | interrupted
/// running -> completed | failed | cancelled | interrupted | timedOut
/// </code>
/// </summary>
public static class RunLifecycle
{
    /// <summary>States a run can still leave (a run found in one of them after a restart was interrupted).</summary>
    public static IReadOnlyList<RunState> Unfinished { get; } = [RunState.Queued, RunState.Running];

    /// <summary>True for states nothing follows.</summary>
    public static bool IsFinal(RunState state) => state switch
    {
        RunState.Queued or RunState.Running => false,
        RunState.Completed or RunState.Failed or RunState.Cancelled or RunState.Interrupted or RunState.TimedOut => true,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown run state."),
    };

    /// <summary>True when a run in <paramref name="from"/> may move straight to <paramref name="to"/>.</summary>
    public static bool CanMove(RunState from, RunState to) => from switch
    {
        RunState.Queued => to is RunState.Running or RunState.Cancelled or RunState.Interrupted,
        RunState.Running => to is RunState.Completed or RunState.Failed or RunState.Cancelled or RunState.Interrupted or RunState.TimedOut,
        _ => false,
    };

    /// <summary>
    /// True when <paramref name="to"/> can follow <paramref name="from"/> through legal moves
    /// (queued reaches completed through running). A record of a run that arrives after a later
    /// one (a late "queued" write) is not reachable and must not undo it.
    /// </summary>
    public static bool CanReach(RunState from, RunState to) =>
        CanMove(from, to) || (from == RunState.Queued && CanMove(RunState.Running, to));

    /// <summary>Throws <see cref="InvalidRunTransitionException"/> unless the move is legal.</summary>
    public static void EnsureCanMove(long runId, RunState from, RunState to)
    {
        if (!CanMove(from, to))
        {
            throw new InvalidRunTransitionException(runId, from, to);
        }
    }

    /// <summary>The error of a run the app's stop interrupted before it started (it was queued).</summary>
    public const string StoppedBeforeStart = "The app stopped before the run started.";

    /// <summary>The error of a run the app's stop interrupted while it ran.</summary>
    public const string StoppedWhileRunning = "The app stopped while the run was going.";

    /// <summary>The state as the API, the UI's data attributes and the store write it: camelCase ("timedOut").</summary>
    public static string ToText(RunState state) => state switch
    {
        RunState.TimedOut => "timedOut",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>How a person reads the state (the state chip): "timed out".</summary>
    public static string ToLabel(RunState state) => state switch
    {
        RunState.TimedOut => "timed out",
        _ => ToText(state),
    };

    /// <summary>Parses <see cref="ToText"/>'s text (any case); false for unknown text or a number.</summary>
    public static bool TryParse(string? text, out RunState state)
    {
        state = default;
        return !string.IsNullOrWhiteSpace(text)
            && !char.IsAsciiDigit(text.TrimStart()[0])
            && text.TrimStart()[0] != '-'
            && Enum.TryParse(text, ignoreCase: true, out state)
            && Enum.IsDefined(state);
    }

    /// <summary>Parses stored text; throws on unknown text (a corrupt row).</summary>
    public static RunState Parse(string text) =>
        TryParse(text, out var state) ? state : throw new FormatException($"Unknown run state '{text}'.");
}
