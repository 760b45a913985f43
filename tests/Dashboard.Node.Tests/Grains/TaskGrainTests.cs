using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Cluster.Grains;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;

namespace Dashboard.Node.Tests.Grains;

/// <summary>The task grain's logic on an in-process two-silo cluster (no node processes).</summary>
public sealed class TaskGrainTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) => silo.AddIncomingGrainCallFilter<LongTurnFilter>().Services
            .AddSingleton(new NodeIdentity(options.SiloName))
            .AddSingleton(new NodeOptions { CpuSlots = 1 })
            .AddSingleton<NodeCpuSlots>()
            .AddSingleton(new NodeTargets())
            .AddSingleton(new NodeOutputs(Path.Combine(Path.GetTempPath(), "dashboard-node-tests", "grains")))
            .AddSingleton<NodeJobs>());
        _cluster = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _cluster.DeployAsync(timeout.Token);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task RunAsync_HelloTasks_GreetsReportsStartsAndSpreadsOverBothSilos()
    {
        var job = Job(new HelloParameters(Tasks: 16, Name: "Seven of Nine", DelayMs: 200));
        var observer = new RecordingObserver();
        var reference = _cluster.Client.CreateObjectReference<ITaskObserver>(observer);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(t =>
            _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(new TaskCall(job, t), reference, timeout.Token)));

        Assert.All(outcomes, o =>
        {
            Assert.Equal(TaskEnd.Completed, o.End);
            Assert.Equal("Hello, Seven of Nine!", o.Detail);
            Assert.True(o.Ended - o.Started >= TimeSpan.FromMilliseconds(190).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        });
        Assert.Equal(Enumerable.Range(0, 16), outcomes.Select(o => o.Task).Order());

        // Random placement spreads the calls over both silos (all 16 on one: 1 in 32,768).
        Assert.Equal(2, outcomes.Select(o => o.Node).Distinct().Count());

        // The one-way notes (accepted, then started) arrive for every task, naming the silo that ran it.
        await WaitUntilAsync(() => observer.Started.Count == 16 && observer.Accepted.Count == 16, timeout.Token);
        Assert.All(outcomes, o => Assert.Equal(o.Node, observer.Started[o.Task].Node));
        Assert.All(outcomes, o => Assert.Equal(o.Node, observer.Accepted[o.Task].Node));
    }

    [Fact]
    public async Task RunAsync_PlacementHintNamesASilo_EveryTaskRunsThere()
    {
        var job = Job(new HelloParameters(Tasks: 12, DelayMs: 0));
        var reference = _cluster.Client.CreateObjectReference<ITaskObserver>(new RecordingObserver());
        var hosts = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var chosen = hosts.OrderBy(h => h.SiloName, StringComparer.Ordinal).Last();

        RequestContext.Set(IPlacementDirector.PlacementHintKey, chosen.SiloAddress);
        TaskOutcome[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(t =>
                _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(new TaskCall(job, t), reference, CancellationToken.None)));
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.Equal(2, hosts.Length);
        Assert.All(outcomes, o => Assert.Equal(chosen.SiloName, o.Node));
    }

    [Fact]
    public async Task NodeGrain_HintedToEachSilo_DescribesThatSilo()
    {
        var hosts = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);

        foreach (var host in hosts)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, host.SiloAddress);
            var status = await _cluster.Client.GetGrain<INodeGrain>(host.SiloName).DescribeAsync();
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);

            Assert.Equal(host.SiloName, status.Name);
            Assert.Equal(1, status.CpuSlots);
            Assert.Equal(Environment.ProcessId, status.ProcessId); // in-process silos
            Assert.True(status.CpuSeconds > 0);
        }
    }

    [Fact]
    public async Task RunAsync_BadName_FailsWithTheWorkloadsReason()
    {
        var job = Job(new HelloParameters(Tasks: 1, Name: " ", DelayMs: 0));
        var reference = _cluster.Client.CreateObjectReference<ITaskObserver>(new RecordingObserver());

        var outcome = await _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid())
            .RunAsync(new TaskCall(job, 0), reference, CancellationToken.None);

        Assert.Equal(TaskEnd.Failed, outcome.End);
        Assert.Contains("refused the task: the parameters are not valid here", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_TaskOutOfRange_Fails()
    {
        var job = Job(new HelloParameters(Tasks: 2, DelayMs: 0));
        var reference = _cluster.Client.CreateObjectReference<ITaskObserver>(new RecordingObserver());

        var outcome = await _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid())
            .RunAsync(new TaskCall(job, 5), reference, CancellationToken.None);

        Assert.Equal(TaskEnd.Failed, outcome.End);
        Assert.Contains("task 5 is not in 0..1", outcome.Detail);
    }

    [Fact]
    public async Task RunAsync_Cancelled_EndsCancelledWithoutWaitingForTheDelay()
    {
        var job = Job(new HelloParameters(Tasks: 1, DelayMs: 60_000));
        var reference = _cluster.Client.CreateObjectReference<ITaskObserver>(new RecordingObserver());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var call = _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid())
            .RunAsync(new TaskCall(job, 0), reference, cancel.Token);
        try
        {
            var outcome = await call;
            Assert.Equal(TaskEnd.Cancelled, outcome.End);
        }
        catch (OperationCanceledException)
        {
            // the runtime may end the caller's call itself: cancelled either way
        }

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 30); // half the 60 s delay: room for a loaded machine
    }

    [Fact]
    public async Task RunAsync_BlockInTurn_EveryOutcomeCarriesItsLongTurn_TheAwaitingGrainsDoNot()
    {
        // Tasks of 1 s: on the in-process cluster a healthy turn was seen at 0.1-0.22 s with the
        // machine at load 150, four of them 0.62 s, more than half of four tasks of 0.3 s.
        var hello = new HelloParameters(Tasks: 4, DelayMs: 1_000);
        var reference = _cluster.Client.CreateObjectReference<ITaskObserver>(new RecordingObserver());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        async Task<TaskOutcome[]> RunAllAsync(NodeJob job) => await Task.WhenAll(Enumerable.Range(0, 4).Select(t =>
            _cluster.Client.GetGrain<ITaskGrain>(Guid.NewGuid()).RunAsync(new TaskCall(job, t), reference, timeout.Token)));

        var blocking = await RunAllAsync(Job(hello) with { BlockInTurn = true });
        var awaiting = await RunAllAsync(Job(hello));

        // Each sleep of 1 s ran inside the call's first turn: the filter timed the turn at least that long.
        Assert.All(blocking, o =>
        {
            Assert.Equal((TaskEnd.Completed, "Hello, Robert Paulson!"), (o.End, o.Detail));
            Assert.True(o.LongTurnSeconds >= 0.99, $"task {o.Task}: turn {o.LongTurnSeconds} s");
        });

        // The awaiting grain leaves its turn at once; a busy machine may stretch one now and then, never most of the tasks' time.
        Assert.All(awaiting, o => Assert.Equal(TaskEnd.Completed, o.End));
        Assert.True(awaiting.Sum(o => o.LongTurnSeconds ?? 0) < 0.5 * 4 * 1.0, string.Join(", ", awaiting.Select(o => o.LongTurnSeconds)));
    }

    private static NodeJob Job(WorkloadParameters parameters) =>
        new(Guid.NewGuid(), 1, 0, JsonSerializer.Serialize(parameters, WorkerJson.Parameters), NodeTargetKind.Simulated,
            WorkloadEnvironment.DefaultRequestTimeoutMs, null, false);

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private sealed class RecordingObserver : ITaskObserver
    {
        public ConcurrentDictionary<int, TaskNote> Started { get; } = new();

        public ConcurrentDictionary<int, TaskNote> Accepted { get; } = new();

        public Task OnAccepted(TaskNote note)
        {
            Accepted[note.Task] = note;
            return Task.CompletedTask;
        }

        public Task OnStarted(TaskNote note)
        {
            Started[note.Task] = note;
            return Task.CompletedTask;
        }

        public Task OnProgress(TaskNote note) => Task.CompletedTask;
    }
}
