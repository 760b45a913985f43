namespace Dashboard.Cluster.Nodes;

/// <summary>A node will not run a call: the message says why, and the run shows it as the task's reason.</summary>
public sealed class TaskRefusedException(string reason) : Exception(reason);
