using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Dashboard.Web.Tests.Api;

/// <summary>Small helpers over a real HttpClient talking to the app on its loopback port.</summary>
internal static class ApiClient
{
    // Generous: a wait for a condition costs nothing when it holds, and a loaded CI machine (load 30
    // on 2 cores) ran a Python-and-.NET power run for more than 90 s.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    public static HttpClient Create(DashboardFactory factory) => factory.CreateSignedInClient(Patience);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>POSTs a run and returns its id (asserting 202 + Location).</summary>
    public static async Task<long> StartRunAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/runs", Json(body));
        var json = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {json}");
        var id = json.GetProperty("id").GetInt64();
        Assert.Equal($"/api/runs/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    /// <summary>Polls GET /api/runs/{id} until the run's state is one of <paramref name="states"/>.</summary>
    public static async Task<JsonElement> WaitForStateAsync(HttpClient client, long id, params string[] states)
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? last = null;
        try
        {
            while (true)
            {
                var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", timeout.Token);
                last = run.GetProperty("state").GetString();
                if (states.Contains(last))
                {
                    return run;
                }

                await Task.Delay(50, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"run {id} was still '{last ?? "unread"}' after {Patience.TotalSeconds} s, waiting for {string.Join(" or ", states)}");
        }
    }

    /// <summary>The field names of a 400 validation problem.</summary>
    public static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await ReadJsonAsync(response);
        return json.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await ReadJsonAsync(response);
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
    }
}
