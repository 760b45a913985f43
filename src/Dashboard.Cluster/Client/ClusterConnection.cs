using System.Net;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Dashboard.Cluster.Client;

/// <summary>
/// The app's side of the cluster: on the first cluster run it starts the local nodes (localhost
/// membership) and an Orleans client, keeps both while runs come, and stops both after
/// Cluster:IdleSeconds without a run and at shutdown. With redis membership it only connects (the
/// nodes belong to someone else). A node that exits fails the tasks it was running; the next run
/// starts a fresh set. Every connection to the nodes is mutual TLS with the cluster's certificate
/// (the local nodes' fresh one, or Cluster:CertificatePath with redis).
/// </summary>
public sealed class ClusterConnection : ITaskCluster, IAsyncDisposable
{
    private readonly LabClusterOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly Func<NodeTargets> _targets;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Timer _idleTimer;
    private LocalNodeManager? _nodes;
    private IHost? _clientHost;
    private int _active;
    private long _lastUsed = Environment.TickCount64;
    private bool _disposed;

    /// <param name="targets">
    /// The targets the local nodes may call, asked when they start (the app's simulated targets' address
    /// is known only once it listens); null = none (hello and power only).
    /// </param>
    public ClusterConnection(LabClusterOptions options, ILoggerFactory loggers, Func<NodeTargets>? targets = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _loggers = loggers;
        _targets = targets ?? (() => new NodeTargets());
        _logger = loggers.CreateLogger("Dashboard.Cluster");
        var period = TimeSpan.FromSeconds(Math.Clamp(options.IdleSeconds / 4.0, 1, 30));
        _idleTimer = new Timer(_ => _ = StopIfIdleAsync(), null, period, period);
    }

    /// <summary>The local nodes now running (empty with redis membership or when stopped).</summary>
    public IReadOnlyList<LocalNode> LocalNodes => _nodes?.Nodes ?? [];

    /// <summary>Where the local nodes write their files (run-{id}/rep-{n} below it); null with redis membership or when stopped.</summary>
    public string? LocalOutputRoot => _nodes?.OutputRoot;

    /// <summary>True while an Orleans client is connected.</summary>
    public bool IsConnected => _clientHost is not null;

    /// <inheritdoc />
    public async Task RunAsync(WorkerJob job, WorkloadKind kind, IClusterTaskSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(sink);
        if (job.Environment.RunId is not > 0)
        {
            throw new ArgumentException("The run has no id: lab nodes derive their output folders from it.", nameof(job));
        }

        Interlocked.Increment(ref _active);
        try
        {
            var (client, nodes) = await ConnectAsync(sink, cancellationToken).ConfigureAwait(false);
            var run = new RepetitionRun(client, job, kind, sink, new NodeClock(shared: !_options.IsRedis), _logger, cancellationToken);
            void OnExit(string node, string reason) => run.NodeLost(node, reason);
            if (nodes is not null)
            {
                nodes.NodeExited += OnExit;
            }

            try
            {
                await run.RunAsync().ConfigureAwait(false);
            }
            finally
            {
                if (nodes is not null)
                {
                    nodes.NodeExited -= OnExit;
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>Stops the client and the local nodes now.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _idleTimer.DisposeAsync().ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the local nodes when none run (or one died) and the client when it is not connected;
    /// the nodes' start, each join and the client's connection are told to <paramref name="sink"/> as they happen.
    /// </summary>
    private async Task<(IClusterClient Client, LocalNodeManager? Nodes)> ConnectAsync(IClusterTaskSink sink, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_options.IsRedis && (_nodes is null || _nodes.Nodes.Count < _options.LocalNodes))
            {
                // First run, or a node died since: a fresh set, so every node is in one known state.
                await StopCoreAsync().ConfigureAwait(false);
                _nodes = new LocalNodeManager(_options, _logger, _targets());
                var count = _options.LocalNodes;
                var joined = 0;
                sink.NodesStarting(count);
                await _nodes.StartAsync(count, node => sink.NodeJoined(Describe(node), Interlocked.Increment(ref joined), count), cancellationToken)
                    .ConfigureAwait(false);
            }

            if (_clientHost is null)
            {
                sink.Connecting();
                _clientHost = await StartClientAsync(cancellationToken).ConfigureAwait(false);
            }

            return (_clientHost.Services.GetRequiredService<IClusterClient>(), _nodes);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A local node as it joined: localhost clustering advertises the loopback address; no CPU used for tasks yet.</summary>
    private static ClusterNode Describe(LocalNode node) =>
        new(node.Name, node.ProcessId, new IPEndPoint(IPAddress.Loopback, node.SiloPort).ToString(), node.Slots, 0) { JoinSeconds = node.StartSeconds };

    private async Task<IHost> StartClientAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Orleans' start-up banners and option dumps are noise in the app's log; its warnings are not.
        builder.Logging.AddProvider(new ForwardingLoggerProvider(_loggers));
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            if (_options.IsRedis)
            {
                client.UseRedisClustering(_options.Redis!);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = _options.ClusterId;
                    o.ServiceId = LocalNodeManager.ServiceId;
                });
            }
            else
            {
                client.UseLocalhostClustering([.. _nodes!.Nodes.Select(n => n.GatewayPort)], LocalNodeManager.ServiceId, _nodes.ClusterId);
            }

            var certificate = _options.IsRedis ? ClusterCertificate.Load(_options.CertificatePath!) : _nodes!.Certificate!;
            client.UseTls(tls => ClusterCertificate.Configure(tls, certificate));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(_options.TaskTimeoutSeconds));

            // Keep trying until the join timeout: with redis the nodes may still be starting.
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), token).ConfigureAwait(false);
                return !token.IsCancellationRequested;
            });
        });
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.JoinTimeoutSeconds));
        try
        {
            await host.StartAsync(timeout.Token).ConfigureAwait(false);
            return host;
        }
        catch (Exception e)
        {
            host.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            var where = _options.IsRedis ? $"redis membership {_options.ClusterId}" : "the local nodes";
            throw new TimeoutException($"No lab node answered within {_options.JoinTimeoutSeconds} s ({where}): {e.Message}", e);
        }
    }

    private async Task StopIfIdleAsync()
    {
        if (Volatile.Read(ref _active) > 0 || _clientHost is null && _nodes is null
            || Environment.TickCount64 - Interlocked.Read(ref _lastUsed) < _options.IdleSeconds * 1000L)
        {
            return;
        }

        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (Volatile.Read(ref _active) == 0)
            {
                _logger.LogInformation("No cluster run for {IdleSeconds} s: stopping the client and the local nodes", _options.IdleSeconds);
                await StopCoreAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task StopCoreAsync()
    {
        if (_clientHost is { } host)
        {
            _clientHost = null;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogDebug("Stopping the cluster client: {Error}", e.Message);
            }

            host.Dispose();
        }

        if (_nodes is { } nodes)
        {
            _nodes = null;
            await nodes.StopAsync().ConfigureAwait(false);
        }
    }
}
