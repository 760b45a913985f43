using System.Security.Cryptography;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Faults;

/// <summary>
/// The real app on a loopback port with the real engine (worker processes included), driven
/// in process through <see cref="IRunQueue"/> and <see cref="IRunFeed"/>.
/// </summary>
internal sealed class FaultApp : IAsyncDisposable
{
    private readonly DashboardFactory _factory;

    private FaultApp(DashboardFactory factory)
    {
        _factory = factory;
    }

    public IRunQueue Queue => _factory.Services.GetRequiredService<IRunQueue>();

    public SimulationKnobs Knobs => _factory.Services.GetRequiredService<SimulationKnobs>();

    /// <param name="requestTimeout">The HTTP workloads' request timeout; null = the engine's default (30 s).</param>
    /// <param name="targetBaseUrl">Where the workloads send their requests; null = this app's own /sim/.</param>
    public static FaultApp Start(TimeSpan? requestTimeout = null, string? targetBaseUrl = null)
    {
        var settings = new Dictionary<string, string?>
        {
            // Harmless until the sign-in lands; then only a caller with this token may use /api and the knobs.
            ["Auth:Token"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["Lab:GracePeriodMs"] = "1000",
            [LabTargetAddress.ConfigurationKey] = targetBaseUrl,
        };
        Action<IServiceCollection>? services = requestTimeout is { } timeout
            ? s => s.AddSingleton<ILabRunner>(new LabRunner(new LabRunnerOptions { RequestTimeout = timeout }))
            : null;
        var factory = new DashboardFactory(settings, services);
        factory.StartServer();
        return new FaultApp(factory);
    }

    /// <summary>Enqueues <paramref name="plan"/> and watches it to its end.</summary>
    public Task<WatchedRun> RunToEndAsync(RunPlan plan, Action<WireEvent>? onEvent, CancellationToken cancellationToken)
    {
        var summary = Queue.Enqueue(plan);
        return WatchAsync(summary.Id, onEvent, cancellationToken);
    }

    /// <summary>
    /// Every event of run <paramref name="runId"/> until the feed closes; <paramref name="onEvent"/> sees
    /// each as it arrives. Fails when the feed closes before the run is finished.
    /// </summary>
    public async Task<WatchedRun> WatchAsync(long runId, Action<WireEvent>? onEvent, CancellationToken cancellationToken)
    {
        var feed = _factory.Services.GetRequiredService<IRunFeed>();
        var events = new List<WireEvent>();
        RunSummary? last = null;
        await foreach (var message in feed.WatchAsync(runId, cancellationToken))
        {
            var (batch, run) = message switch
            {
                RunFeedSnapshot snapshot => (snapshot.Events, snapshot.Run),
                RunFeedBatch next => (next.Events, next.Run),
                _ => throw new InvalidOperationException($"Unexpected feed message {message.GetType().Name}."),
            };
            foreach (var wire in batch)
            {
                events.Add(wire);
                onEvent?.Invoke(wire);
            }

            last = run ?? last;
            if (last is { IsFinished: true })
            {
                break;
            }
        }

        Assert.True(last is { IsFinished: true }, $"The feed of run {runId} closed before the run finished (last state {last?.State}).");
        return new WatchedRun(last!, events);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
    }
}
