namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// A run above the old 20,000-span sample, stored whole on a real PostgreSQL server: a window holds
/// its real tasks (<see cref="StoredWindowCheck"/>). Fails where the server binaries are missing.
/// </summary>
public sealed class PostgresStoredWindowTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public Task StoredLargeRun_Postgres_WindowHoldsTheRealTasks() => StoredWindowCheck.WindowHoldsTheRealTasksAsync(new()
    {
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Dashboard"] = server.ConnectionString,
    });
}
