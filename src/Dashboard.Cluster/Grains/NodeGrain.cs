using System.Globalization;
using Dashboard.Cluster.Nodes;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Dashboard.Cluster.Grains;

/// <summary>
/// Describes the node it runs on, and checks the files its tasks wrote. Random placement, because
/// Orleans' random director honours a placement hint (the caller names the silo); it answers for the
/// silo it landed on, so a caller that hinted a silo that has since gone sees another name and can tell.
/// </summary>
[RandomPlacement]
public sealed class NodeGrain(NodeIdentity node, NodeOptions options, NodeJobs jobs, ILogger<NodeGrain> logger) : Grain, INodeGrain
{
    public Task<NodeStatus> DescribeAsync() =>
        Task.FromResult(new NodeStatus(node.Name, Environment.ProcessId, Math.Clamp(options.CpuSlots, 1, NodeOptions.MaxCpuSlots),
            NodeCpu.Seconds));

    public Task<string> CheckAsync(NodeJob job, Dictionary<int, string> outputs)
    {
        // Reading the files is blocking I/O: off the grain's scheduler.
        return Task.Run(() =>
        {
            try
            {
                ArgumentNullException.ThrowIfNull(outputs);
                var workload = jobs.Get(job);
                if (outputs.Count > workload.Parameters.TaskCount)
                {
                    throw new TaskRefusedException(string.Create(CultureInfo.InvariantCulture,
                        $"{outputs.Count} outputs for {workload.Parameters.TaskCount} tasks"));
                }

                return workload.Check(outputs);
            }
            catch (Exception e)
            {
                logger.LogWarning("Refused to check run {RunId}: {Reason}", job?.RunId, e.Message);
                return $"node {node.Name} could not check its files: {e.Message}";
            }
        });
    }
}
