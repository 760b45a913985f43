namespace Dashboard.Web.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_RunningApp_ReturnsHealthy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var factory = new DashboardFactory();
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };

        using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(timeout.Token));
    }
}
