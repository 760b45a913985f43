using System.Text.Json;
using Dashboard.Engine.Prediction;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Components.Prediction;

/// <summary>
/// Finds the newest finished run of the same plan (same workload and parameters, same targets) with
/// a sequential the predictions can start from: first among the runs this app holds, then in the
/// stored history, opening at most <see cref="MaxStoredCandidates"/> stored runs.
/// </summary>
public static class EarlierSequential
{
    /// <summary>Most stored runs opened in one search (each is read with its spans).</summary>
    public const int MaxStoredCandidates = 10;

    /// <summary>The run found, or null.</summary>
    public static async Task<RunSummary?> FindAsync(
        IRunQueue queue, IRunStore? store, WorkloadParameters parameters, LabTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(parameters);
        var wanted = Key(parameters);
        var held = queue.List()
            .Where(r => r.IsFinished && Fits(r, wanted, targets))
            .OrderByDescending(r => r.CreatedAt)
            .FirstOrDefault();
        if (held is not null || store is null)
        {
            return held;
        }

        var page = await store.ListAsync(new RunFilter(parameters.Workload), 0, 50, cancellationToken);
        foreach (var item in page.Items.Where(i => i.Strategies.Contains(Engine.Strategies.StrategyIds.Sequential, StringComparer.Ordinal))
                     .Take(MaxStoredCandidates))
        {
            if (await store.GetAsync(item.Id, cancellationToken) is { Run: var run } && run.IsFinished && Fits(run, wanted, targets))
            {
                return run;
            }
        }

        return null;
    }

    private static bool Fits(RunSummary run, string wanted, LabTargets targets) =>
        run.Plan.Targets == targets && Key(run.Plan.Parameters) == wanted && RunPrediction.CanPredictFrom(run.Results);

    // Parameters compared by what they serialise to: records holding lists compare those by reference.
    private static string Key(WorkloadParameters parameters) => JsonSerializer.Serialize<WorkloadParameters>(parameters);
}
