namespace Dashboard.Web.Tests.Faults;

/// <summary>
/// Fault tests run alone: they count the engine's threads and look for worker processes in this
/// process's /proc, which another test's run would disturb.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
