using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>The queue moves runs only through <see cref="RunLifecycle"/>, and tells observers only of moves that happened.</summary>
public sealed class RunQueueTransitionTests
{
    private readonly List<RunTransition> _heard = [];
    private readonly RunQueue _queue;

    public RunQueueTransitionTests()
    {
        _queue = new RunQueue(Options.Create(new RunServiceOptions()), TestBudgets.Create(), TimeProvider.System, NullLogger<RunQueue>.Instance, [new Listener(_heard)]);
    }

    [Fact]
    public async Task Finish_QueuedRun_RefusedStateKeptAndObserversNotTold()
    {
        var queued = _queue.Enqueue(HelloPlan());
        var run = _queue.Get(queued.Id)!;

        var ex = await Assert.ThrowsAsync<InvalidRunTransitionException>(() => FinishAsync(run, queued with { State = RunState.Completed }));

        Assert.Equal((RunState.Queued, RunState.Completed), (ex.From, ex.To));
        Assert.Equal(RunState.Queued, _queue.Find(queued.Id)!.State);
        Assert.Equal([(null, RunState.Queued)], _heard.Select(t => (t.From, t.To)));
    }

    [Fact]
    public async Task Finish_RunningRunWithStateThatIsNotFinal_Refused()
    {
        var queued = _queue.Enqueue(HelloPlan());
        var run = await _queue.DequeueAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidRunTransitionException>(() => FinishAsync(run, run.Summary with { State = RunState.Queued }));
        var done = await FinishAsync(run, run.Summary with { State = RunState.TimedOut, Error = "limit" });

        Assert.Equal(RunState.TimedOut, done.State);
        await Assert.ThrowsAsync<InvalidRunTransitionException>(() => FinishAsync(run, run.Summary with { State = RunState.Completed }));
        Assert.Equal(
            [(null, RunState.Queued), (RunState.Queued, RunState.Running), (RunState.Running, RunState.TimedOut)],
            _heard.Where(t => t.Run.Id == queued.Id).Select(t => (t.From, t.To)));
    }

    [Fact]
    public void UpdateSummary_ChangingTheState_RefusedSoOnlyMoveChangesIt()
    {
        var queued = _queue.Enqueue(HelloPlan());
        var run = _queue.Get(queued.Id)!;

        Assert.Throws<InvalidOperationException>(() => run.UpdateSummary(s => s with { State = RunState.Running }, ringNow: true));

        Assert.Equal(RunState.Queued, run.Summary.State);
    }

    private Task<RunSummary> FinishAsync(LiveRun run, RunSummary final) =>
        _queue.FinishAsync(run, new CompletedRun(final, null, [], "", RunEnvironment.Capture("http://127.0.0.1/sim/")), CancellationToken.None);

    /// <summary>Hears every move, the end of a run that ran included (told once, with its events).</summary>
    private sealed class Listener(List<RunTransition> heard) : IRunObserver
    {
        public void OnTransition(RunTransition transition) => heard.Add(transition);

        public Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            heard.Add(new RunTransition(RunState.Running, run.Summary));
            return Task.CompletedTask;
        }

        public Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
