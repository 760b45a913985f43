using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Running;

/// <summary>Runs a plan's strategies one after another and streams what happens.</summary>
public interface ILabRunner
{
    /// <summary>
    /// Validates <paramref name="plan"/> (throws <see cref="InvalidParametersException"/>) and starts it.
    /// Cancelling <paramref name="cancellationToken"/> stops every strategy promptly and kills worker processes.
    /// </summary>
    LabRun Start(RunPlan plan, WorkloadEnvironment environment, CancellationToken cancellationToken);
}
