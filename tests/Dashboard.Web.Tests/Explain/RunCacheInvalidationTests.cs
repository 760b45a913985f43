namespace Dashboard.Web.Tests.Explain;

/// <summary><see cref="RunCacheInvalidation"/> on the app's SQLite store.</summary>
public sealed class RunCacheInvalidationTests
{
    [Fact]
    public Task SaveDeletePrune_SqliteStore_DropOnlyTheirRunsCachedAnalysisAndDetails() =>
        RunCacheInvalidation.CheckAsync(new Dictionary<string, string?>());
}
