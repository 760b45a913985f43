namespace Dashboard.Web.Tests.Api;

/// <summary>
/// A test class's own app (fresh data folder) and a client signed in with its bearer token,
/// started before the tests and disposed after them.
/// </summary>
public abstract class SignedInApiTest : IAsyncLifetime
{
    protected DashboardFactory Factory { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = ApiClient.Create(Factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
