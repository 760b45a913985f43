using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Dashboard.Web.Tests.Simulation;

[Collection(WebAppServerCollection.Name)]
public sealed class SimulatedTargetsTests(WebAppServerFixture fixture)
{
    [Fact]
    public async Task Genre_Get_ReturnsJsonString()
    {
        fixture.SetKnobs(k => k with { GenreLatencyMs = 0 });
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(new Uri("sim/genre", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.String, json.RootElement.ValueKind);
        var genre = json.RootElement.GetString()!;
        Assert.Matches("^[a-z][a-z -]*[a-z]$", genre);
    }

    [Fact]
    public async Task Genre_ManyCalls_GivesDifferentGenres()
    {
        fixture.SetKnobs(k => k with { GenreLatencyMs = 0 });
        using var client = fixture.CreateClient();

        var genres = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            genres.Add((await client.GetFromJsonAsync<string>(new Uri("sim/genre", UriKind.Relative)))!);
        }

        Assert.True(genres.Count >= 10, $"only {genres.Count} distinct genres in 20 calls");
    }

    [Fact]
    public async Task WikiRandom_Get_RedirectsToArticleWithTitleAndH1OfConfiguredSize()
    {
        fixture.SetKnobs(k => k with { PageLatencyMs = 0, PageSizeKb = 64 });
        using var client = fixture.CreateClient();

        using var redirect = await client.GetAsync(new Uri("sim/wiki/random", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith("/sim/wiki/", location.OriginalString, StringComparison.Ordinal);

        using var page = await client.GetAsync(location);
        var bytes = await page.Content.ReadAsByteArrayAsync();
        var html = System.Text.Encoding.UTF8.GetString(bytes);
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var h1 = document.QuerySelector("h1")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(h1));
        Assert.Equal($"{h1} - Simulated Wiki", document.Title);
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.True(document.QuerySelectorAll("a[href^='/sim/wiki/']").Length > 20);
        Assert.InRange(bytes.Length, 64 * 1024 * 95 / 100, 64 * 1024 * 105 / 100);
    }

    [Fact]
    public async Task WikiRandom_ManyCalls_GivesDifferentTitles()
    {
        fixture.SetKnobs(k => k with { PageLatencyMs = 0, PageSizeKb = 2 });
        using var client = fixture.CreateClient(followRedirects: true);
        var parser = new HtmlParser();

        var titles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            var html = await client.GetStringAsync(new Uri("sim/wiki/random", UriKind.Relative));
            titles.Add(parser.ParseDocument(html).QuerySelector("h1")!.TextContent);
        }

        Assert.True(titles.Count >= 15, $"only {titles.Count} distinct titles in 20 pages");
    }

    [Fact]
    public async Task WikiArticle_TitleWithMarkup_IsHtmlEncoded()
    {
        fixture.SetKnobs(k => k with { PageLatencyMs = 0, PageSizeKb = 2 });
        using var client = fixture.CreateClient();

        var html = await client.GetStringAsync(new Uri("sim/wiki/Tom_%26_Jerry_%3Cb%3E", UriKind.Relative));

        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Equal("Tom & Jerry <b>", new HtmlParser().ParseDocument(html).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Targets_FailureRateOne_Answer500()
    {
        fixture.SetKnobs(k => k with { GenreLatencyMs = 0, PageLatencyMs = 0, FailureRate = 1 });
        using var client = fixture.CreateClient(followRedirects: true);

        using var genre = await client.GetAsync(new Uri("sim/genre", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("sim/wiki/random", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, genre.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
    }

    [Fact]
    public async Task Genre_RateLimitExceeded_Answers429WithRetryAfter()
    {
        fixture.SetKnobs(k => k with { GenreLatencyMs = 0, RateLimitPerSecond = 5 });
        using var client = fixture.CreateClient();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(_ => client.GetAsync(new Uri("sim/genre", UriKind.Relative))));
        var windows = (int)clock.Elapsed.TotalSeconds + 2;
        try
        {
            var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();

            Assert.Equal(40, ok + limited.Count);
            Assert.NotEmpty(limited);
            // The quota is per one-second window: 40 requests straddle two windows, or more when a
            // loaded machine spreads them out; each window lets at most 5 through.
            Assert.InRange(ok, 1, 5 * windows);
            Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Genre_ThousandConcurrentRequestsAt100Ms_AllSucceed()
    {
        fixture.SetKnobs(k => k with { GenreLatencyMs = 100 });
        using var client = fixture.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async _ =>
        {
            using var response = await client.GetAsync(new Uri("sim/genre", UriKind.Relative), timeout.Token);
            var genre = await response.Content.ReadFromJsonAsync<string>(timeout.Token);
            return response.StatusCode == HttpStatusCode.OK && !string.IsNullOrEmpty(genre);
        }));

        Assert.Equal(1_000, statuses.Count(ok => ok));
    }
}
