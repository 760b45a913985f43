using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Runs;

public sealed class RunLifecycleTests
{
    /// <summary>Every allowed move, and who makes it; every other pair of states is refused.</summary>
    private static readonly (RunState From, RunState To, string Trigger)[] Allowed =
    [
        (RunState.Queued, RunState.Running, "the run service takes it"),
        (RunState.Queued, RunState.Cancelled, "a person cancels it"),
        (RunState.Queued, RunState.Interrupted, "the app stops (or the start-up sweep after a crash)"),
        (RunState.Running, RunState.Completed, "the engine finishes"),
        (RunState.Running, RunState.Failed, "the engine or its set-up throws"),
        (RunState.Running, RunState.Cancelled, "a person cancels it"),
        (RunState.Running, RunState.Interrupted, "the app stops (or the start-up sweep after a crash)"),
        (RunState.Running, RunState.TimedOut, "the wall-clock limit"),
    ];

    public static TheoryData<RunState, RunState> EveryPair()
    {
        var data = new TheoryData<RunState, RunState>();
        foreach (var from in Enum.GetValues<RunState>())
        {
            foreach (var to in Enum.GetValues<RunState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_EveryPairOfStates_AllowedExactlyWhenInTheTable(RunState from, RunState to)
    {
        var allowed = Allowed.Any(m => m.From == from && m.To == to);

        Assert.Equal(allowed, RunLifecycle.CanMove(from, to));
        if (allowed)
        {
            RunLifecycle.EnsureCanMove(1, from, to);
        }
        else
        {
            var ex = Assert.Throws<InvalidRunTransitionException>(() => RunLifecycle.EnsureCanMove(7, from, to));
            Assert.Equal((7L, from, to), (ex.RunId, ex.From, ex.To));
            Assert.Contains(RunLifecycle.ToText(from), ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Allowed_Table_EightMovesWhoseTargetsAreEveryOutcomesFinalState()
    {
        Assert.Equal(8, Allowed.Distinct().Count());
        var finals = Enum.GetValues<RunOutcome>().Select(RunLifecycle.FinalState).ToHashSet();
        Assert.Equal(finals, Allowed.Where(m => m.From == RunState.Running).Select(m => m.To).ToHashSet());
    }

    [Theory]
    [InlineData(RunOutcome.Completed, RunState.Completed)]
    [InlineData(RunOutcome.Failed, RunState.Failed)]
    [InlineData(RunOutcome.Cancelled, RunState.Cancelled)]
    [InlineData(RunOutcome.TimedOut, RunState.TimedOut)]
    [InlineData(RunOutcome.AppStopped, RunState.Interrupted)]
    [InlineData(RunOutcome.ExportedUnfinished, RunState.Interrupted)]
    public void FinalState_EachOutcome_ItsFinalState(RunOutcome outcome, RunState state)
    {
        Assert.Equal(state, RunLifecycle.FinalState(outcome));
        Assert.True(RunLifecycle.IsFinal(state));
    }

    [Theory]
    [InlineData(true, true, true, true, true, RunOutcome.Failed)]
    [InlineData(false, true, true, true, true, RunOutcome.Completed)]
    [InlineData(false, false, true, true, true, RunOutcome.AppStopped)]
    [InlineData(false, false, false, true, true, RunOutcome.Cancelled)]
    [InlineData(false, false, false, false, true, RunOutcome.TimedOut)]
    [InlineData(false, false, false, false, false, RunOutcome.Cancelled)]
    public void OutcomeOf_Causes_EngineThenAppStopThenPersonThenClock(bool failed, bool engineFinished, bool appStopping, bool cancelRequested, bool wallClockHit, RunOutcome expected) =>
        Assert.Equal(expected, RunLifecycle.OutcomeOf(failed, engineFinished, appStopping, cancelRequested, wallClockHit));

    [Fact]
    public void End_QueuedAndRunningRunsStoppedByTheApp_OneMessageForBoth()
    {
        var at = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        var queued = Dashboard.Web.Tests.Storage.TestRuns.Pending(1, RunState.Queued);
        var running = Dashboard.Web.Tests.Storage.TestRuns.Pending(2, RunState.Running);

        var a = RunLifecycle.End(queued, RunOutcome.AppStopped, at);
        var b = RunLifecycle.End(running, RunOutcome.AppStopped, at);

        Assert.Equal((RunState.Interrupted, RunLifecycle.AppStoppedMessage, at, (int?)null), (a.State, a.Error, a.EndedAt, a.QueuePosition));
        Assert.Equal((RunState.Interrupted, RunLifecycle.AppStoppedMessage, at), (b.State, b.Error, b.EndedAt));
        Assert.Equal(running.StartedAt, b.StartedAt);
    }

    [Fact]
    public void End_ErrorTexts_OwnErrorBeatsTheOneItHadBeatsTheCausesMessage()
    {
        var at = DateTimeOffset.UnixEpoch;
        var running = Dashboard.Web.Tests.Storage.TestRuns.Pending(3, RunState.Running);

        Assert.Equal("disk full", RunLifecycle.End(running, RunOutcome.Failed, at, "disk full").Error);
        Assert.Equal("The run hit its wall-clock limit of 9 s.", RunLifecycle.End(running, RunOutcome.TimedOut, at, wallLimitSeconds: 9).Error);
        Assert.Null(RunLifecycle.End(running, RunOutcome.Completed, at).Error);
        Assert.Null(RunLifecycle.End(running, RunOutcome.Cancelled, at).Error);
        Assert.Equal("kept", RunLifecycle.End(running with { Error = "kept", EndedAt = at.AddDays(1) }, RunOutcome.ExportedUnfinished, at).Error);
        Assert.Equal(at.AddDays(1), RunLifecycle.End(running with { EndedAt = at.AddDays(1) }, RunOutcome.ExportedUnfinished, at).EndedAt);
        Assert.Equal(RunLifecycle.ExportedUnfinishedMessage, RunLifecycle.End(running, RunOutcome.ExportedUnfinished, at).Error);
    }

    [Fact]
    public void End_FinishedRunOrQueuedRunThatNeverRan_Refused()
    {
        var done = Dashboard.Web.Tests.Storage.TestRuns.Finished(4);
        var queued = Dashboard.Web.Tests.Storage.TestRuns.Pending(5, RunState.Queued);

        Assert.Throws<InvalidRunTransitionException>(() => RunLifecycle.End(done, RunOutcome.AppStopped, DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidRunTransitionException>(() => RunLifecycle.End(queued, RunOutcome.Completed, DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidRunTransitionException>(() => RunLifecycle.Start(done, DateTimeOffset.UnixEpoch));
        var started = RunLifecycle.Start(queued, DateTimeOffset.UnixEpoch);
        Assert.Equal((RunState.Running, (int?)null, (DateTimeOffset?)DateTimeOffset.UnixEpoch), (started.State, started.QueuePosition, started.StartedAt));
    }

    [Fact]
    public void SweptAtStartUp_ExactlyTheStatesThatMayMoveToTheAppStoppedState()
    {
        Assert.Equal([RunState.Queued, RunState.Running], RunLifecycle.SweptAtStartUp);
        Assert.All(RunLifecycle.SweptAtStartUp, s => Assert.True(RunLifecycle.CanMove(s, RunLifecycle.FinalState(RunOutcome.AppStopped))));
    }

    [Fact]
    public void ToLabel_EveryState_OneDisplayTextThatNamesIt()
    {
        Assert.Equal(
            ["queued", "running", "completed", "failed", "cancelled", "interrupted", "timed out"],
            Enum.GetValues<RunState>().Select(RunLifecycle.ToLabel));
    }

    [Fact]
    public void IsFinal_EveryState_OnlyStatesWithNoWayOutAreFinal()
    {
        foreach (var state in Enum.GetValues<RunState>())
        {
            var hasWayOut = Enum.GetValues<RunState>().Any(to => RunLifecycle.CanMove(state, to));
            Assert.Equal(!hasWayOut, RunLifecycle.IsFinal(state));
        }

        Assert.Equal([RunState.Queued, RunState.Running], RunLifecycle.Unfinished);
    }

    [Fact]
    public void CanReach_QueuedToRunningsTargets_TrueButNeverBackwards()
    {
        Assert.True(RunLifecycle.CanReach(RunState.Queued, RunState.Completed));
        Assert.True(RunLifecycle.CanReach(RunState.Queued, RunState.TimedOut));
        Assert.False(RunLifecycle.CanReach(RunState.Completed, RunState.Queued));
        Assert.False(RunLifecycle.CanReach(RunState.Running, RunState.Queued));
    }

    [Fact]
    public void ToText_TimedOut_CamelCaseLikeTheJsonAndParsesBack()
    {
        Assert.Equal("timedOut", RunLifecycle.ToText(RunState.TimedOut));
        Assert.Equal("timed out", RunLifecycle.ToLabel(RunState.TimedOut));
        Assert.Equal("completed", RunLifecycle.ToText(RunState.Completed));
        foreach (var state in Enum.GetValues<RunState>())
        {
            Assert.Equal(state, RunLifecycle.Parse(RunLifecycle.ToText(state)));
        }

        Assert.False(RunLifecycle.TryParse("3", out _));
        Assert.False(RunLifecycle.TryParse("sleeping", out _));
    }
}
