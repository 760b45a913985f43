namespace Dashboard.Engine.Tests.Fixtures;

/// <summary>Tests marked <c>[Collection(SimTargetsCollection.Name)]</c> share one <see cref="SimTargetsFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class SimTargetsCollection : ICollectionFixture<SimTargetsFixture>
{
    public const string Name = "Simulated targets";
}
