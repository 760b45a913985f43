using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// The order of a run's end: watchers hear it first (with its environment, from memory), then the
/// store saves it, and whoever reads the stored run meanwhile (History, exports, the API, a page
/// opened just after the end) waits for that save and gets the run as it ended. A gate observer
/// holds the end's observers open, so each step is seen while the next has not happened.
/// </summary>
public sealed class RunEndOrderTests : IAsyncLifetime
{
    private readonly ScriptedLabRunner _runner = new();
    private readonly GateObserver _gate = new();
    private DashboardFactory _factory = null!;

    private IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(services: s =>
        {
            s.AddSingleton<ILabRunner>(_runner);
            s.AddSingleton<IRunObserver>(_gate);
        });
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task RunEnds_WatcherHearsTheEndBeforeTheSave_ReadersWaitForItAndGetTheStoredRun()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var summary = Queue.Enqueue(HelloPlan(tasks: 2));
        var scripted = await _runner.NextStartedAsync(ct);
        var feed = _factory.Services.GetRequiredService<IRunFeed>();
        var watching = CollectAsync(feed.WatchAsync(summary.Id, ct), ct);
        var history = _factory.Services.GetRequiredService<RunHistory>();

        scripted.Write(LabEvents.Started("sequential", 2));
        scripted.Write(LabEvents.Task("sequential", 0, TaskEventKind.Started));
        scripted.Write(LabEvents.Task("sequential", 0, TaskEventKind.Completed));
        scripted.Write(LabEvents.Completed("sequential", 2));
        scripted.Complete([LabEvents.Completed("sequential", 2).Result]);

        // The watcher's stream ends with the finished run while the end's observers are still held.
        var messages = await watching;
        var ended = messages.OfType<RunFeedBatch>().Last().Run;
        Assert.Equal(RunState.Completed, ended?.State);
        Assert.False(_gate.IsOpen);
        Assert.NotNull(feed.EnvironmentOf(summary.Id));

        // A reader of the stored run (what an export, History or a page opened now does) waits for the save.
        await _gate.Entered.WaitAsync(ct);
        var reading = history.FindForExportAsync(summary.Id, ct);
        var listing = history.ListAsync(RunFilter.All, 0, 10, ct);
        Assert.False(reading.IsCompleted);
        Assert.False(listing.IsCompleted);

        _gate.Open();
        var view = await reading.WaitAsync(ct);
        var list = await listing.WaitAsync(ct);

        Assert.NotNull(view);
        Assert.False(view.Live);
        Assert.Equal(RunState.Completed, view.Run.State);
        Assert.NotNull(view.Environment);
        Assert.Single(view.Run.Results);
        Assert.Equal(RunState.Completed, Assert.Single(list.Items, i => i.Id == summary.Id).State);
        Assert.True(_factory.Services.GetRequiredService<RunQueue>().Get(summary.Id)!.Saving.IsCompleted);
    }

    [Fact]
    public async Task RunEnds_ReadAfterTheSave_StoredRunReloadsWithItsResultsAndEnvironment()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        _gate.Open();
        var summary = Queue.Enqueue(HelloPlan(tasks: 2));
        var scripted = await _runner.NextStartedAsync(ct);
        scripted.Write(LabEvents.Started("sequential", 2));
        scripted.Write(LabEvents.Completed("sequential", 2));
        scripted.Complete([LabEvents.Completed("sequential", 2).Result]);
        await WaitForStateAsync(Queue, summary.Id, ct, RunState.Completed);
        await _factory.Services.GetRequiredService<RunQueue>().Get(summary.Id)!.Saving.WaitAsync(ct);

        var stored = await _factory.Services.GetRequiredService<IRunStore>().GetAsync(summary.Id, ct);

        Assert.NotNull(stored);
        Assert.Equal(RunState.Completed, stored.Run.State);
        Assert.Single(stored.Run.Results);
        Assert.NotNull(stored.Environment);
    }

    /// <summary>Holds the end's observers (after storage's own) until opened; open from the start when asked.</summary>
    private sealed class GateObserver : IRunObserver
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsOpen => _open.Task.IsCompleted;

        /// <summary>Completes when a run's end reached this observer.</summary>
        public Task Entered => _entered.Task;

        public void Open() => _open.TrySetResult();

        public void OnTransition(RunTransition transition)
        {
        }

        public Task OnRepetitionFinishedAsync(RunSummary run, int ordinal, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task OnRunEndedAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
        }
    }
}
