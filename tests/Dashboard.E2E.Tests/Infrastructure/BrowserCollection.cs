namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>Browser tests share one app and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DashboardAppFixture>
{
    public const string Name = "browser";
}
