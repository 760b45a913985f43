namespace Dashboard.Engine.Tests.Fixtures;

/// <summary>
/// Tests that starve this process's thread pool on purpose (sync-over-async) run alone, after the
/// parallel ones, with their own simulated targets: a starved pool would slow every test beside them.
/// So do tests whose figures are shares of a core (the GIL lesson): tests beside them take cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StarvationCollection : ICollectionFixture<SimTargetsFixture>
{
    public const string Name = "Thread-pool starvation";
}
