using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Runs.RunTestHelpers;

namespace Dashboard.Web.Tests.Runs;

/// <summary>Queue rules, with a scripted engine that holds a run as long as the test wants.</summary>
public sealed class RunQueueTests : IAsyncLifetime
{
    private readonly ScriptedLabRunner _runner = new();
    private DashboardFactory _factory = null!;

    private IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(
            new Dictionary<string, string?> { ["Runs:QueueCapacity"] = "2" },
            s => s.AddSingleton<ILabRunner>(_runner));
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Enqueue_QueueFull_ThrowsClearMessageAndPositionsAreReported()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var running = Queue.Enqueue(HelloPlan());
        var scripted = await _runner.NextStartedAsync(ct);
        Assert.Equal(RunState.Running, Queue.Find(running.Id)!.State);
        Assert.Null(Queue.Find(running.Id)!.QueuePosition);

        var second = Queue.Enqueue(HelloPlan());
        var third = Queue.Enqueue(HelloPlan());
        var ex = Assert.Throws<RunQueueFullException>(() => Queue.Enqueue(HelloPlan()));

        Assert.Equal((1, 2), (second.QueuePosition, third.QueuePosition));
        Assert.Equal((RunState.Queued, RunState.Queued), (Queue.Find(second.Id)!.State, Queue.Find(third.Id)!.State));
        Assert.Contains("full", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Capacity);
        Assert.Equal([third.Id, second.Id, running.Id], Queue.List().Select(r => r.Id));

        scripted.Complete();
        var next = await _runner.NextStartedAsync(ct);
        Assert.Equal(RunState.Running, (await WaitForStateAsync(Queue, second.Id, ct, RunState.Running)).State);
        Assert.Equal(1, Queue.Find(third.Id)!.QueuePosition);
        next.Complete();
        (await _runner.NextStartedAsync(ct)).Complete();
        await WaitForStateAsync(Queue, third.Id, ct, RunState.Completed);
        Assert.Equal(1, _runner.MaxConcurrentRuns);
    }

    [Fact]
    public async Task Cancel_QueuedRun_CancelledAndOthersMoveUp()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var ct = timeout.Token;
        var running = Queue.Enqueue(HelloPlan());
        var scripted = await _runner.NextStartedAsync(ct);
        var second = Queue.Enqueue(HelloPlan());
        var third = Queue.Enqueue(HelloPlan());
        var watchingThird = CollectAsync(_factory.Services.GetRequiredService<IRunFeed>().WatchAsync(third.Id, ct), ct);

        Assert.True(Queue.Cancel(second.Id));

        Assert.Equal(RunState.Cancelled, Queue.Find(second.Id)!.State);
        Assert.Null(Queue.Find(second.Id)!.QueuePosition);
        Assert.Equal(1, Queue.Find(third.Id)!.QueuePosition);
        Assert.False(Queue.Cancel(second.Id));
        Assert.False(Queue.Cancel(12_345));

        // Cancelling the running run cancels the engine's token; the queue moves on to the third.
        Assert.True(Queue.Cancel(running.Id));
        Assert.True(scripted.Token.IsCancellationRequested);
        Assert.Equal(RunState.Cancelled, (await WaitForStateAsync(Queue, running.Id, ct, RunState.Cancelled)).State);
        (await _runner.NextStartedAsync(ct)).Complete();
        var thirdMessages = await watchingThird;

        var positions = thirdMessages.Select(m => m is RunFeedSnapshot s ? s.Run : ((RunFeedBatch)m).Run)
            .Where(r => r is not null).Select(r => (r!.State, r.QueuePosition)).ToList();
        // A watcher may coalesce the short-lived "position 1" into "running"; what it sees never goes backwards.
        Assert.Equal((RunState.Queued, (int?)2), positions[0]);
        Assert.Equal((RunState.Completed, (int?)null), positions[^1]);
        var queuedPositions = positions.Where(p => p.State == RunState.Queued).Select(p => p.QueuePosition!.Value).ToList();
        Assert.Equal(queuedPositions.OrderDescending(), queuedPositions);
        var states = positions.Select(p => p.State).ToList();
        Assert.Equal(states.Order(), states);
    }

    [Fact]
    public void Options_OutOfRange_StartFailsNamingTheSetting()
    {
        var validator = new ValidateRunServiceOptions();
        var result = validator.Validate(null, new RunServiceOptions { QueueCapacity = 0, BatchIntervalMs = 1 });
        Assert.True(result.Failed);
        Assert.Contains("Runs:QueueCapacity is 0", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Runs:BatchIntervalMs", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new RunServiceOptions()).Succeeded);

        using var factory = new DashboardFactory(new Dictionary<string, string?> { ["Runs:QueueCapacity"] = "-1" });
        var ex = Assert.ThrowsAny<Exception>(factory.StartServer);
        Assert.Contains("Runs:QueueCapacity", (ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException)?.Message ?? ex.ToString(), StringComparison.Ordinal);
    }
}
