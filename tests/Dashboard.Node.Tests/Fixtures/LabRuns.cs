using Dashboard.Cluster.Client;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Cluster;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>Runs a plan through the real engine with a cluster, collecting every event.</summary>
public static class LabRuns
{
    /// <summary>
    /// How long the tests let nodes take to join: generous, because on two cores busy with other work
    /// a node's start and its TLS handshakes took longer than 60 s (the run then fails every task).
    /// </summary>
    public const int JoinTimeoutSeconds = 150;

    /// <summary>A test's limit for a whole run on nodes, their start included.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private static long _runIds;

    /// <summary>A cluster of <paramref name="nodes"/> local nodes, handed <paramref name="simulatedTargets"/> (none when null) as the app does.</summary>
    public static ClusterConnection Connect(int nodes = 2, int idleSeconds = 300, int joinTimeoutSeconds = JoinTimeoutSeconds, ILoggerFactory? loggers = null,
        string? simulatedTargets = null) =>
        new(new LabClusterOptions { LocalNodes = nodes, IdleSeconds = idleSeconds, JoinTimeoutSeconds = joinTimeoutSeconds },
            loggers ?? NullLoggerFactory.Instance, () => NodeTargets.From(simulatedTargets, null, null, null));

    public static async Task<(RunResult Result, List<LabEvent> Events)> RunAsync(
        ITaskCluster? cluster, RunPlan plan, CancellationToken cancellationToken, Action<LabEvent>? onEvent = null,
        string targetBaseUrl = "", TargetPolicy? policy = null, long? runId = null, string? outputDirectory = null,
        string? targetCapability = null)
    {
        // The app's own output folder of the run (the test's to look at and delete when it names one).
        var output = outputDirectory ?? Path.Combine(Path.GetTempPath(), "dashboard-node-tests", Guid.NewGuid().ToString("N"));
        var runner = new LabRunner(new LabRunnerOptions { Cluster = cluster, BackgroundPriority = false });
        var environment = new WorkloadEnvironment(targetBaseUrl, output, Policy: policy)
        {
            RunId = runId ?? Interlocked.Increment(ref _runIds),
            TargetCapability = targetCapability, // the run's capability for the simulated targets, as the app hands one
        };
        var run = runner.Start(plan, environment, cancellationToken);
        var events = new List<LabEvent>();
        await foreach (var labEvent in run.Events.WithCancellation(CancellationToken.None))
        {
            events.Add(labEvent);
            onEvent?.Invoke(labEvent);
        }

        try
        {
            return (await run.Completion, events);
        }
        finally
        {
            if (outputDirectory is null && Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>What went wrong in a repetition, for an assertion's message: its check and each distinct task reason.</summary>
    public static string Reasons(StrategyResult result) =>
        $"check: {result.OutputCheck}; tasks: {string.Join(" / ", result.Spans.Where(s => s.Status != Engine.Running.TaskStatus.Ok).Select(s => s.Detail).Distinct())}";

        public static bool IsAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
