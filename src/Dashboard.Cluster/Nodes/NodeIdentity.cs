namespace Dashboard.Cluster.Nodes;

/// <summary>This node's name (its silo name), as spans and the timeline show it.</summary>
public sealed record NodeIdentity(string Name);
