using Dashboard.Engine.Cluster;

namespace Dashboard.Engine.Running;

/// <summary>
/// What a strategy repetition is doing before its first task, while it does it: the status line's
/// words ("starting 2 lab nodes… 1 of 2 joined"), and for the cluster strategy the lab nodes that
/// have joined so far. <paramref name="Text"/> is null once the tasks begin (or the start failed).
/// </summary>
/// <param name="Nodes">The lab nodes this repetition started that have joined so far, each as the node panel lists it (CPU 0 until the repetition ends); empty otherwise.</param>
public sealed record StrategyActivity(string Strategy, int Repetition, string? Text, IReadOnlyList<ClusterNode> Nodes) : LabEvent;
