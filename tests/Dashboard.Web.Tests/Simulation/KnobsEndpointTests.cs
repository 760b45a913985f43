using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Tests.Simulation;

[Collection(WebAppServerCollection.Name)]
public sealed class KnobsEndpointTests(WebAppServerFixture fixture)
{
    private static readonly Uri Knobs = new("sim/knobs", UriKind.Relative);

    [Fact]
    public async Task GetKnobs_Defaults_ReturnsConfiguredValues()
    {
        fixture.SetKnobs(k => k);
        using var client = fixture.CreateClient();

        var knobs = await client.GetFromJsonAsync<SimulationOptions>(Knobs);

        Assert.Equal(280, knobs!.GenreLatencyMs);
        Assert.Equal(200, knobs.PageLatencyMs);
        Assert.Equal(100, knobs.PageSizeKb);
        Assert.Equal(0, knobs.FailureRate);
        Assert.Equal(0, knobs.RateLimitPerSecond);
    }

    [Fact]
    public async Task PutKnobs_PartialBody_ChangesOnlyGivenKnobs()
    {
        fixture.SetKnobs(k => k);
        using var client = fixture.CreateClient();

        using var put = await client.PutAsJsonAsync(Knobs, new { jitterMs = 15, pageSizeKb = 8 });
        var after = await client.GetFromJsonAsync<SimulationOptions>(Knobs);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(15, after!.JitterMs);
        Assert.Equal(8, after.PageSizeKb);
        Assert.Equal(280, after.GenreLatencyMs);
        Assert.Equal(after, fixture.Knobs.Current);
    }

    [Theory]
    [InlineData("{\"failureRate\": 1.5}", "failureRate")]
    [InlineData("{\"genreLatencyMs\": -1}", "genreLatencyMs")]
    [InlineData("{\"pageLatencyMs\": 60001}", "pageLatencyMs")]
    [InlineData("{\"jitterMs\": 10001}", "jitterMs")]
    [InlineData("{\"rateLimitPerSecond\": 100001}", "rateLimitPerSecond")]
    [InlineData("{\"pageSizeKb\": 0}", "pageSizeKb")]
    [InlineData("{\"failureRate\": \"often\"}", "failureRate")]
    [InlineData("{\"latency\": 5}", "latency")]
    public async Task PutKnobs_BadValue_Returns400ProblemNamingField(string body, string field)
    {
        fixture.SetKnobs(k => k);
        using var client = fixture.CreateClient();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PutAsync(Knobs, content);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains(field, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(fixture.Knobs.Defaults, fixture.Knobs.Current);
    }

    [Fact]
    public async Task PutKnobs_PageSizeAboveMaximum_Returns400NamingTheLimit()
    {
        fixture.SetKnobs(k => k);
        using var client = fixture.CreateClient();

        using var response = await client.PutAsJsonAsync(Knobs, new { pageSizeKb = SimulationOptions.MaxPageSizeKb + 1 });
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2_048, SimulationOptions.MaxPageSizeKb);
        var message = problem.RootElement.GetProperty("errors").GetProperty("pageSizeKb")[0].GetString();
        Assert.Contains("2,048", message, StringComparison.Ordinal);
        Assert.Equal(fixture.Knobs.Defaults, fixture.Knobs.Current);
    }

    [Fact]
    public async Task DeleteKnobs_AfterChange_RestoresDefaults()
    {
        fixture.SetKnobs(k => k with { FailureRate = 0.5, PageSizeKb = 3 });
        using var client = fixture.CreateClient();

        using var response = await client.DeleteAsync(Knobs);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Knobs.Defaults, fixture.Knobs.Current);
    }
}
