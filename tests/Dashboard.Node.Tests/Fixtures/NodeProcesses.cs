namespace Dashboard.Node.Tests.Fixtures;

/// <summary>
/// The test classes that start node processes run one after another: each node JIT-compiles its
/// silo, its TLS and the workloads at full optimisation on start, and six classes starting theirs at
/// once on two busy cores took longer than the 60 s join timeout (6 of 33 tests failed so).
/// </summary>
[CollectionDefinition(Name)]
public sealed class NodeProcesses
{
    public const string Name = "node processes";
}
