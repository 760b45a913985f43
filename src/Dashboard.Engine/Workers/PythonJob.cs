using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Workers;

/// <summary>
/// The one job the Python twins' runner reads from stdin (a single JSON line): the workload's
/// validated parameters and environment, which twin to run, and the same knobs the .NET
/// strategy has. The runner answers with <see cref="WorkerMessage"/> lines, like a worker.
/// </summary>
/// <param name="Strategy">A strategy id that has a twin (<see cref="Strategies.PythonTwins.Strategies"/>).</param>
public sealed record PythonJob(
    WorkloadParameters Parameters,
    WorkloadEnvironment Environment,
    string Strategy,
    int ThreadPoolSize,
    int? AsyncCap,
    int ProcessCount,
    bool BackgroundPriority);
