namespace Dashboard.Cluster.Grains;

/// <summary>
/// One per node, keyed by the node's silo name and placed on that silo (a placement hint): the app
/// asks it what the node offers before handing the node tasks, and to check the files the node's
/// tasks wrote once a repetition is over.
/// </summary>
public interface INodeGrain : IGrainWithStringKey
{
    Task<NodeStatus> DescribeAsync();

    /// <summary>
    /// Checks the files of <paramref name="job"/> in this node's folder against
    /// <paramref name="outputs"/> (task -> output of each task that succeeded here): "ok" or what is wrong.
    /// </summary>
    Task<string> CheckAsync(NodeJob job, Dictionary<int, string> outputs);
}
