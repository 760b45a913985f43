using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Cluster.Hosting;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Microsoft.Extensions.Logging;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// Starts and stops the app's local nodes: N Dashboard.Node processes on loopback with localhost
/// clustering (node-1 is the primary; each node its own free silo and gateway ports). Each start
/// makes a private folder (0700) holding a fresh cluster certificate (0600, read by the nodes from
/// the path they are given; the key is never on a command line) and the nodes' output root; stopping
/// deletes it. A node gets its settings as start arguments and a cleaned environment
/// (<see cref="NodeProcessEnvironment"/>). A node's stdin is a pipe from this process: when the app
/// dies, the pipe closes and the node exits, so no node outlives the app. Stopping closes stdin, then
/// kills after a grace period, and reaps.
/// </summary>
public sealed class LocalNodeManager : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(30);
    private readonly LabClusterOptions _options;
    private readonly NodeTargets _targets;
    private readonly ILogger _logger;
    private readonly List<LocalNode> _nodes = [];
    private readonly Lock _gate = new();

    public LocalNodeManager(LabClusterOptions options, ILogger logger, NodeTargets? targets = null)
    {
        _options = options;
        _targets = targets ?? new NodeTargets();
        _logger = logger;
        NodePath = string.IsNullOrWhiteSpace(options.NodePath)
            ? Path.Combine(AppContext.BaseDirectory, "Dashboard.Node.dll")
            : Path.GetFullPath(options.NodePath);
        ClusterId = "lab-" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>Raised when a started node's process exits while the manager still owns it: (name, reason).</summary>
    public event Action<string, string>? NodeExited;

    public string NodePath { get; }

    /// <summary>This manager's own cluster id, so two apps on one host never mix their nodes.</summary>
    public string ClusterId { get; }

    public const string ServiceId = "dashboard";

    /// <summary>This start's private folder (certificate and the nodes' outputs); null before a start and after a stop.</summary>
    public string? WorkDirectory { get; private set; }

    /// <summary>This start's cluster certificate, which the app's client presents too; null before a start.</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>Where this start's nodes write their files: a folder per node below it, named as the node.</summary>
    public string? OutputRoot => WorkDirectory is null ? null : Path.Combine(WorkDirectory, "outputs");

    /// <summary>CPU slots each local node gets: the cores shared among the nodes, at least one.</summary>
    private int CpuSlots => Math.Max(1, Environment.ProcessorCount / Math.Max(1, _options.LocalNodes));

    private string CertificatePath => Path.Combine(WorkDirectory!, "cluster.pem");

    public IReadOnlyList<LocalNode> Nodes
    {
        get
        {
            lock (_gate)
            {
                return [.. _nodes];
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> nodes: the primary first (the others join through it), then the
    /// rest at once. Returns when every node has joined; throws <see cref="TimeoutException"/> naming
    /// the node that did not join within Cluster:JoinTimeoutSeconds, after stopping the ones started.
    /// </summary>
    public Task<IReadOnlyList<LocalNode>> StartAsync(int count, CancellationToken cancellationToken) => StartAsync(count, null, cancellationToken);

    /// <summary>
    /// Starts <paramref name="count"/> nodes as <see cref="StartAsync(int, CancellationToken)"/> does, and
    /// calls <paramref name="joined"/> as each one joins (the primary first; the others in the order
    /// they join, possibly at once from several threads).
    /// </summary>
    public async Task<IReadOnlyList<LocalNode>> StartAsync(int count, Action<LocalNode>? joined, CancellationToken cancellationToken)
    {
        if (Nodes.Count > 0)
        {
            throw new InvalidOperationException("The local nodes are already started.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.JoinTimeoutSeconds));
        try
        {
            Prepare();
            var ports = FreePorts(2 * count);
            var primary = await StartNodeAsync("node-1", ports[0], ports[1], ports[0], timeout.Token).ConfigureAwait(false);
            joined?.Invoke(primary);
            var rest = Enumerable.Range(1, count - 1)
                .Select(async i =>
                {
                    var node = await StartNodeAsync($"node-{i + 1}", ports[2 * i], ports[2 * i + 1], primary.SiloPort, timeout.Token).ConfigureAwait(false);
                    joined?.Invoke(node);
                    return node;
                })
                .ToArray();
            await Task.WhenAll(rest).ConfigureAwait(false);
            return Nodes;
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
    }

    /// <summary>
    /// Starts one node and waits for its ready line. Internal: tests point a node at a primary that
    /// is not there, to see a node that never joins.
    /// </summary>
    internal async Task<LocalNode> StartNodeAsync(string name, int siloPort, int gatewayPort, int primaryPort, CancellationToken cancellationToken)
    {
        if (WorkDirectory is null)
        {
            Prepare();
        }

        if (!File.Exists(NodePath))
        {
            throw new FileNotFoundException($"The lab node {NodePath} is missing: reference the Dashboard.Node project so it is copied next to the app, or set Cluster:NodePath.", NodePath);
        }

        var info = new ProcessStartInfo(WorkerLauncher.DotnetHostPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(NodePath)!,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(NodePath);
        foreach (var (key, value) in new (string, string)[]
        {
            ("Node:Name", name),
            ("Node:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture)),
            ("Node:GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture)),
            ("Node:PrimaryPort", primaryPort.ToString(CultureInfo.InvariantCulture)),
            ("Node:CpuSlots", CpuSlots.ToString(CultureInfo.InvariantCulture)),
            ("Node:WatchStdin", "true"),
            ("Node:OutputRoot", Path.Combine(OutputRoot!, name)),
            ("Cluster:Membership", LabClusterOptions.Localhost),
            ("Cluster:ClusterId", ClusterId),
            ("Cluster:CertificatePath", CertificatePath),
        }.Concat(_targets.Arguments()))
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        NodeProcessEnvironment.Apply(info);

        var launched = MonotonicClock.Now;
        var process = Process.Start(ChildEnvironment.Scrub(info)) ?? throw new InvalidOperationException($"Could not start {name}.");
        var node = new LocalNode(name, process, siloPort, gatewayPort) { Slots = CpuSlots };
        lock (_gate)
        {
            _nodes.Add(node);
        }

        var ready = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lastErrors = new Queue<string>();
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                if (NodeProtocol.ParseReady(line) is { } timestamp)
                {
                    ready.TrySetResult(timestamp);
                }
            }
        }, CancellationToken.None);
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                lock (lastErrors)
                {
                    lastErrors.Enqueue(line);
                    if (lastErrors.Count > 5)
                    {
                        lastErrors.Dequeue();
                    }
                }

                _logger.LogDebug("{Node}: {Line}", name, line);
            }
        }, CancellationToken.None);
        _ = WatchExitAsync(node);

        var exited = process.WaitForExitAsync(cancellationToken);
        try
        {
            await Task.WhenAny(ready.Task, exited).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (ready.Task.IsCompletedSuccessfully)
        {
            node.StartSeconds = MonotonicClock.Seconds(launched, ready.Task.Result);
            _logger.LogInformation("Lab node {Node} (pid {ProcessId}) joined in {Seconds:F2} s", name, node.ProcessId, node.StartSeconds);
            return node;
        }

        // Give the stderr reader a moment to catch the node's last words.
        await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        string detail;
        lock (lastErrors)
        {
            detail = lastErrors.Count == 0 ? "" : ": " + string.Join(" | ", lastErrors);
        }

        throw node.HasExited
            ? new InvalidOperationException($"Lab node {name} exited with code {process.ExitCode} before it joined the cluster{detail}")
            : new TimeoutException($"Lab node {name} did not join the cluster within {_options.JoinTimeoutSeconds} s{detail}");
    }

    /// <summary>Stops every node: closes stdin (the node exits), kills after a grace period, reaps.</summary>
    public async Task StopAsync()
    {
        LocalNode[] nodes;
        lock (_gate)
        {
            nodes = [.. _nodes];
            _nodes.Clear();
        }

        await Task.WhenAll(nodes.Select(StopNodeAsync)).ConfigureAwait(false);
        if (WorkDirectory is { } folder)
        {
            WorkDirectory = null;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning("Could not delete the local nodes' folder {Folder}: {Error}", folder, e.Message);
            }
        }
    }

    /// <summary>This start's private folder, certificate file and output root.</summary>
    private void Prepare()
    {
        // CreateTempSubdirectory makes a fresh folder with a random name, mode 0700 (no one else can
        // plant or read anything there).
        WorkDirectory = Directory.CreateTempSubdirectory("dashboard-cluster-").FullName;
        PrivateDirectory.Create(OutputRoot!);
        Certificate = ClusterCertificate.Create(CertificateLifetime);
        ClusterCertificate.Write(Certificate, CertificatePath);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>Distinct free loopback ports (held open together so none repeats, then released).</summary>
    internal static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private async Task WatchExitAsync(LocalNode node)
    {
        await node.Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        bool owned;
        lock (_gate)
        {
            owned = _nodes.Remove(node);
        }

        if (owned)
        {
            var reason = string.Create(CultureInfo.InvariantCulture, $"node {node.Name} (pid {node.ProcessId}) exited with code {node.Process.ExitCode}");
            _logger.LogWarning("Lab node {Node} (pid {ProcessId}) exited with code {ExitCode}", node.Name, node.ProcessId, node.Process.ExitCode);
            NodeExited?.Invoke(node.Name, reason);
        }
    }

    private async Task StopNodeAsync(LocalNode node)
    {
        try
        {
            node.Process.StandardInput.Close();
        }
        catch (Exception)
        {
            // already gone
        }

        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await node.Process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Lab node {Node} (pid {ProcessId}) did not stop within {Grace}; killing it", node.Name, node.ProcessId, StopGrace);
            try
            {
                node.Process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            await node.Process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        node.Process.Dispose();
    }
}
