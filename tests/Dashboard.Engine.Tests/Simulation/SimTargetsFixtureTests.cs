using System.Net.Http.Json;
using Dashboard.Engine.Tests.Fixtures;

namespace Dashboard.Engine.Tests.Simulation;

[Collection(SimTargetsCollection.Name)]
public sealed class SimTargetsFixtureTests(SimTargetsFixture fixture)
{
    [Fact]
    public async Task BaseUrl_GenreOverLoopback_ReturnsGenreString()
    {
        fixture.SetLatency(0);
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        client.DefaultRequestHeaders.Add(Dashboard.Engine.Workloads.WorkloadEnvironment.TargetCapabilityHeader, fixture.Capability);

        var genre = await client.GetFromJsonAsync<string>("genre");

        Assert.StartsWith("http://127.0.0.1:", fixture.BaseUrl, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(genre));
    }

    [Fact]
    public void SetKnobs_AfterAnotherChange_StartsFromBaseline()
    {
        fixture.SetKnobs(k => k with { FailureRate = 1 });

        var knobs = fixture.SetKnobs(k => k with { PageSizeKb = 2 });

        Assert.Equal(0, knobs.FailureRate);
        Assert.Equal(2, knobs.PageSizeKb);
        Assert.Equal(SimTargetsFixture.FastLatencyMs, fixture.Knobs.Current.GenreLatencyMs);
    }
}
