using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>The end of a run as observers (storage) hear it, and the event cap, driven by a scripted engine.</summary>
public sealed class RunEndedObserverTests : IAsyncLifetime
{
    private readonly ScriptedLabRunner _runner = new();
    private readonly RecordingObserver _recorder = new();
    private DashboardFactory _factory = null!;

    private IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(
            new Dictionary<string, string?> { ["Runs:MaxEventsPerRun"] = "1000" },
            s =>
            {
                s.AddSingleton<ILabRunner>(_runner);
                s.AddSingleton<IRunObserver, ThrowingObserver>();
                s.AddSingleton<IRunObserver>(_recorder);
            });
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task RunEnds_ObserversToldOnceAfterAThrowingOne_WithSummaryEventsAndOutputFolder()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 3));
        var scripted = await _runner.NextStartedAsync(ct);
        scripted.Write(LabEvents.Started("sequential", 3));
        scripted.Write(LabEvents.Task("sequential", 0, TaskEventKind.Started));
        scripted.Write(LabEvents.Task("sequential", 0, TaskEventKind.Failed, "boom"));
        scripted.Write(LabEvents.Completed("sequential", 3));
        scripted.Complete([LabEvents.Completed("sequential", 3).Result]);

        var completed = await _recorder.Runs.Task.WaitAsync(ct);

        Assert.Equal(summary.Id, completed.Summary.Id);
        Assert.Equal(RunState.Completed, completed.Summary.State);
        Assert.Equal(4, completed.Events.Count);
        Assert.NotNull(completed.Result);
        Assert.Equal(scripted.Environment.OutputDirectory, completed.OutputDirectory);
        Assert.True(Directory.Exists(completed.OutputDirectory));
        Assert.StartsWith(_factory.DataDirectory, completed.OutputDirectory, StringComparison.Ordinal);
        Assert.Equal(RunState.Completed, (await WaitForStateAsync(Queue, summary.Id, ct, RunState.Completed)).State);
        Assert.Equal(1, _recorder.Ends);
        Assert.Equal([(null, RunState.Queued), (RunState.Queued, RunState.Running)],
            _recorder.Transitions.Where(t => t.Run.Id == summary.Id).Select(t => (t.From, t.To)));
    }

    [Fact]
    public async Task Append_PastMaxEvents_TaskEventsCountedAsDroppedStrategyEventsKept()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 600));
        var scripted = await _runner.NextStartedAsync(ct);
        var watching = CollectAsync(_factory.Services.GetRequiredService<IRunFeed>().WatchAsync(summary.Id, ct), ct);
        scripted.Write(LabEvents.Started("sequential", 600));
        for (var i = 0; i < 600; i++)
        {
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Started));
            scripted.Write(LabEvents.Task("sequential", i, TaskEventKind.Completed));
        }

        scripted.Write(LabEvents.Completed("sequential", 600));
        scripted.Complete();
        var events = Flatten(await watching);

        AssertSeqIsGapless(events);
        Assert.Equal(1_001, events.Count);
        Assert.Equal("strategy-completed", events[^1].Type);
        Assert.Equal(201, Queue.Find(summary.Id)!.DroppedEvents);
    }

    [Fact]
    public async Task AppStops_RunningAndQueuedRunsInterrupted_ObserverStillToldTheEnd()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var runner = new ScriptedLabRunner();
        var recorder = new RecordingObserver();
        var factory = new DashboardFactory(services: s =>
        {
            s.AddSingleton<ILabRunner>(runner);
            s.AddSingleton<IRunObserver>(recorder);
        });
        factory.StartServer();
        var queue = factory.Services.GetRequiredService<IRunQueue>();
        var running = queue.Enqueue(HelloPlan());
        var scripted = await runner.NextStartedAsync(ct);
        var queued = queue.Enqueue(HelloPlan());

        await factory.DisposeAsync();

        Assert.True(scripted.Token.IsCancellationRequested);
        var completed = await recorder.Runs.Task.WaitAsync(ct);
        Assert.Equal((running.Id, RunState.Interrupted), (completed.Summary.Id, completed.Summary.State));
        Assert.Equal(RunState.Interrupted, queue.Find(queued.Id)!.State);
        Assert.Contains("stopped", queue.Find(queued.Id)!.Error, StringComparison.Ordinal);
    }

    private sealed class ThrowingObserver : IRunObserver
    {
        public void OnTransition(RunTransition transition)
        {
        }

        public Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("storage is down");
    }

    /// <summary>Keeps the first end it hears, and every transition, to show the end is told once.</summary>
    private sealed class RecordingObserver : IRunObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<RunTransition> _transitions = new();
        private int _ends;

        public TaskCompletionSource<CompletedRun> Runs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<RunTransition> Transitions => [.. _transitions];

        public int Ends => Volatile.Read(ref _ends);

        public void OnTransition(RunTransition transition) => _transitions.Enqueue(transition);

        public Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _ends);
            Runs.TrySetResult(run);
            return Task.CompletedTask;
        }
    }
}
