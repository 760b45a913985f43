using Dashboard.Web.Runs.Admission;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// The one owner of run state rules: which moves are legal, which states are final, which state
/// and error text each way of ending (<see cref="RunOutcome"/>) gives, and how a state is written
/// (API, store) and read (pages). The queue, the run service, the store's start-up sweep and import
/// all ask here instead of keeping their own lists; src/Dashboard.Web/README.md draws the diagram.
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

    /// <summary>The one error text of a run the app's stop (or crash) interrupted, queued or running.</summary>
    public const string AppStoppedMessage = "The app stopped before the run finished.";

    /// <summary>The error text of an imported run whose document was exported before it finished.</summary>
    public const string ExportedUnfinishedMessage = "Exported before the run finished.";

    /// <summary>The state a run ends in for <paramref name="outcome"/>.</summary>
    public static RunState FinalState(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Completed => RunState.Completed,
        RunOutcome.Failed => RunState.Failed,
        RunOutcome.Cancelled => RunState.Cancelled,
        RunOutcome.TimedOut => RunState.TimedOut,
        RunOutcome.AppStopped or RunOutcome.ExportedUnfinished => RunState.Interrupted,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown run outcome."),
    };

    /// <summary>
    /// The error text a run ends with for <paramref name="outcome"/> when nothing more precise is
    /// known (a failure's own exception text is); null when the outcome needs none.
    /// </summary>
    /// <param name="wallLimitSeconds">The limit a timed-out run hit, named in its text when known.</param>
    public static string? Message(RunOutcome outcome, int? wallLimitSeconds = null) => outcome switch
    {
        RunOutcome.AppStopped => AppStoppedMessage,
        RunOutcome.ExportedUnfinished => ExportedUnfinishedMessage,
        RunOutcome.TimedOut => wallLimitSeconds is { } limit
            ? $"The run hit its wall-clock limit of {limit} s."
            : "The run hit its wall-clock limit.",
        _ => null,
    };

    /// <summary>
    /// Who ended a run that ran, from what the run service saw. The engine's verdict wins (a cancel
    /// that arrives after the last task finished changes nothing); then the app stopping beats a
    /// person, and a person beats the clock. A cancel nobody claims counts as a person's.
    /// </summary>
    public static RunOutcome OutcomeOf(bool failed, bool engineFinished, bool appStopping, bool cancelRequested, bool wallClockHit) =>
        failed ? RunOutcome.Failed
        : engineFinished ? RunOutcome.Completed
        : appStopping ? RunOutcome.AppStopped
        : cancelRequested ? RunOutcome.Cancelled
        : wallClockHit ? RunOutcome.TimedOut
        : RunOutcome.Cancelled;

    /// <summary>The states the store's start-up sweep moves to the app-stopped state: exactly those that may move there.</summary>
    public static IReadOnlyList<RunState> SweptAtStartUp { get; } =
        [.. Enum.GetValues<RunState>().Where(s => CanMove(s, FinalState(RunOutcome.AppStopped)))];

    /// <summary>A queued run starts: <paramref name="run"/> as it is from <paramref name="at"/> on.</summary>
    public static RunSummary Start(RunSummary run, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        EnsureCanMove(run.Id, run.State, RunState.Running);
        return run with { State = RunState.Running, QueuePosition = null, StartedAt = at };
    }

    /// <summary>
    /// A run ends for <paramref name="outcome"/>: its final state, out of the queue, its end time
    /// (kept when already known) and its error (<paramref name="error"/>, else the one it had, else
    /// the outcome's <see cref="Message"/>). Throws <see cref="InvalidRunTransitionException"/> when
    /// its state cannot move to the outcome's final state.
    /// </summary>
    public static RunSummary End(RunSummary run, RunOutcome outcome, DateTimeOffset at, string? error = null, int? wallLimitSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var to = FinalState(outcome);
        EnsureCanMove(run.Id, run.State, to);
        return run with
        {
            State = to,
            QueuePosition = null,
            EndedAt = run.EndedAt ?? at,
            Error = error ?? run.Error ?? Message(outcome, wallLimitSeconds),
        };
    }

    /// <summary>The state as the API, the UI's data attributes and the store write it: camelCase ("timedOut").</summary>
    public static string ToText(RunState state) => state switch
    {
        RunState.TimedOut => "timedOut",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// How a person reads the state ("timed out"): the one display text of each state, used by the
    /// state chip on the run page, History and Compare, and by exports meant for reading.
    /// </summary>
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
