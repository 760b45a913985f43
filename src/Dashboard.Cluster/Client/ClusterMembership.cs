using Dashboard.Cluster.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace Dashboard.Cluster.Client;

/// <summary>What a cluster repetition asks the membership: which nodes are there, and whether one still is.</summary>
internal static class ClusterMembership
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>The active nodes, each asked (on its own silo) for its name, pid, CPU slots and CPU so far.</summary>
    public static async Task<IReadOnlyList<NodeSlots>> DiscoverAsync(IClusterClient client, ILogger logger, CancellationToken cancellationToken)
    {
        var hosts = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, CancellationToken.None)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var described = await Task.WhenAll(hosts.Select(async host =>
        {
            try
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, host.SiloAddress);
                var status = await client.GetGrain<INodeGrain>(host.SiloName).DescribeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                if (status.Name != host.SiloName)
                {
                    logger.LogWarning("Lab node {Node} answered as {Other}; it gets no tasks in this repetition", host.SiloName, status.Name);
                    return null;
                }

                return new NodeSlots(status, host.SiloAddress);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Lab node {Node} did not answer: {Error}; it gets no tasks in this repetition", host.SiloName, e.Message);
                return null;
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        })).ConfigureAwait(false);
        var nodes = described.OfType<NodeSlots>().OrderBy(n => n.Status.Name, StringComparer.Ordinal).ToList();
        return nodes.Count > 0
            ? nodes
            : throw new InvalidOperationException($"no lab node answered ({hosts.Length} in the cluster's membership)");
    }

    /// <summary>True while the cluster's membership lists <paramref name="node"/> as active (or cannot be asked).</summary>
    public static async Task<bool> IsActiveAsync(IClusterClient client, NodeSlots node, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, CancellationToken.None)
                .WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return hosts.ContainsKey(node.Address);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Asking the membership about node {Node}: {Error}", node.Name, e.Message);
            return true;
        }
    }
}
