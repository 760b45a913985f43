using Dashboard.Cluster.Nodes;
using Orleans.Placement;

namespace Dashboard.Cluster.Grains;

/// <summary>
/// Describes the node it runs on. Random placement, because Orleans' random director honours a
/// placement hint (the caller names the silo); it answers for the silo it landed on, so a caller
/// that hinted a silo that has since gone sees another name and can tell.
/// </summary>
[RandomPlacement]
public sealed class NodeGrain(NodeIdentity node, NodeOptions options) : Grain, INodeGrain
{
    public Task<NodeStatus> DescribeAsync() =>
        Task.FromResult(new NodeStatus(node.Name, Environment.ProcessId, Math.Clamp(options.CpuSlots, 1, NodeOptions.MaxCpuSlots),
            NodeCpu.Seconds));
}
