using Dashboard.Web.Tests.Storage;

namespace Dashboard.Web.Tests.Explain;

/// <summary><see cref="RunCacheInvalidation"/> on a real PostgreSQL store (fails where its server binaries are missing).</summary>
public sealed class PostgresRunCacheInvalidationTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public Task SaveDeletePrune_PostgresStore_DropOnlyTheirRunsCachedAnalysisAndDetails() =>
        RunCacheInvalidation.CheckAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:Dashboard"] = server.ConnectionString,
        });
}
