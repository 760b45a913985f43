namespace Dashboard.Cluster.Grains;

/// <summary>
/// One per node, keyed by the node's silo name and placed on that silo (a placement hint): the app
/// asks it what the node offers before handing the node tasks.
/// </summary>
public interface INodeGrain : IGrainWithStringKey
{
    Task<NodeStatus> DescribeAsync();
}
