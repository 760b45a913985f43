using Dashboard.Web.Runs;

namespace Dashboard.Web.Tests.Runs;

public sealed class RunLifecycleTests
{
    public static TheoryData<RunState, RunState> Legal => new()
    {
        { RunState.Queued, RunState.Running },
        { RunState.Queued, RunState.Cancelled },
        { RunState.Queued, RunState.Interrupted },
        { RunState.Running, RunState.Completed },
        { RunState.Running, RunState.Failed },
        { RunState.Running, RunState.Cancelled },
        { RunState.Running, RunState.Interrupted },
        { RunState.Running, RunState.TimedOut },
    };

    public static TheoryData<RunState, RunState> Illegal => new()
    {
        { RunState.Queued, RunState.Queued },
        { RunState.Queued, RunState.Completed },
        { RunState.Queued, RunState.Failed },
        { RunState.Queued, RunState.TimedOut },
        { RunState.Running, RunState.Queued },
        { RunState.Running, RunState.Running },
        { RunState.Completed, RunState.Running },
        { RunState.Completed, RunState.Failed },
        { RunState.Cancelled, RunState.Completed },
        { RunState.Interrupted, RunState.Queued },
        { RunState.TimedOut, RunState.Completed },
    };

    [Theory]
    [MemberData(nameof(Legal))]
    public void CanMove_LegalTransition_True(RunState from, RunState to)
    {
        Assert.True(RunLifecycle.CanMove(from, to));
        RunLifecycle.EnsureCanMove(1, from, to);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void CanMove_IllegalTransition_FalseAndEnsureThrowsNamingBothStates(RunState from, RunState to)
    {
        Assert.False(RunLifecycle.CanMove(from, to));
        var ex = Assert.Throws<InvalidRunTransitionException>(() => RunLifecycle.EnsureCanMove(7, from, to));
        Assert.Equal((7L, from, to), (ex.RunId, ex.From, ex.To));
        Assert.Contains(RunLifecycle.ToText(from), ex.Message, StringComparison.Ordinal);
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
