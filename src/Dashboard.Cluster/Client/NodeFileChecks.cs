using Dashboard.Cluster.Grains;
using Orleans.Runtime.Placement;

namespace Dashboard.Cluster.Client;

/// <summary>
/// The end of a repetition whose tasks wrote files: each node that ran tasks checks the files in its
/// own folder against the outputs of the tasks that succeeded there (<see cref="INodeGrain.CheckAsync"/>,
/// placed on that node). "ok" when every node says so, else each node's answer; a node lost during
/// the repetition cannot be asked and is named as not checked.
/// </summary>
internal static class NodeFileChecks
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A node that ran tasks: its name, silo, the outputs of its tasks that succeeded, and why it was lost (null while it is there).</summary>
    public sealed record Ran(string Node, SiloAddress Address, Dictionary<int, string> Outputs, string? Lost);

    public static async Task<string> CheckAsync(IClusterClient client, NodeJob job, IReadOnlyList<Ran> ran, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(ran.Select(async r =>
        {
            if (r.Lost is { } why)
            {
                return $"{r.Node}: not checked ({why})";
            }

            RequestContext.Set(IPlacementDirector.PlacementHintKey, r.Address);
            try
            {
                var check = await client.GetGrain<INodeGrain>(r.Node).CheckAsync(job, r.Outputs)
                    .WaitAsync(CheckTimeout, cancellationToken).ConfigureAwait(false);
                return check == "ok" ? null : $"{r.Node}: {check}";
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return $"{r.Node}: not checked ({e.Message.Split('\n', 2)[0].Trim()})";
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        })).ConfigureAwait(false);
        var problems = answers.OfType<string>().ToList();
        return problems.Count == 0 ? "ok" : string.Join(" ", problems);
    }
}
