using Dashboard.Cluster.Nodes;

namespace Dashboard.Web.Runs.Execution;

/// <summary>
/// The targets this app hands the local lab nodes it starts: its own simulated targets' address and,
/// when configured, the real targets with their allow-list. Nodes take no address from a call.
/// </summary>
public static class LabNodeTargets
{
    public static NodeTargets For(LabTargetAddress targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var real = targets.Real;
        return NodeTargets.From(targets.Resolve(), real.Genre, real.Scrape, real.IsConfigured ? real.ToPolicy() : null);
    }
}
