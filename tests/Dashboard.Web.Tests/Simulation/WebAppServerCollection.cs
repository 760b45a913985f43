namespace Dashboard.Web.Tests.Simulation;

[CollectionDefinition(Name)]
public sealed class WebAppServerCollection : ICollectionFixture<WebAppServerFixture>
{
    public const string Name = "Web app server";
}
