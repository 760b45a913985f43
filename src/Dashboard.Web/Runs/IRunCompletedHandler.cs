namespace Dashboard.Web.Runs;

/// <summary>
/// Called by <see cref="RunService"/> after each run that ran ends (completed, failed, cancelled, interrupted, timed out), before the
/// next run starts, in registration order. Storage registers one to persist runs. A handler that
/// throws is logged and does not stop the others.
/// </summary>
public interface IRunCompletedHandler
{
    Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken);
}
