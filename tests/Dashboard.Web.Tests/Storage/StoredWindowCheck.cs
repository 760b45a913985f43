using System.Globalization;
using System.Net;
using Dashboard.Engine.Running;
using Dashboard.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// With the store's default settings, a run above the old 20,000-span sample is stored whole, and
/// a window of it (GET /api/runs/{id}/tasks, read from the stored blob) holds the real tasks: the
/// indices asked, each with the times and lane it ran on, none missing, none sampled.
/// </summary>
internal static class StoredWindowCheck
{
    private const int Tasks = 30_000;
    private const long RunId = 800_001;

    public static async Task WindowHoldsTheRealTasksAsync(Dictionary<string, string?> settings)
    {
        await using var factory = new DashboardFactory(settings);
        var run = RealisticRuns.Finished(RunId, Tasks);
        var store = factory.Services.GetRequiredService<IRunStore>();
        await store.DeleteAsync(RunId, TestContext.Timeout);
        Assert.True(await store.SaveAsync(run, null, false, TestContext.Timeout));
        var stored = await store.GetAsync(RunId, TestContext.Timeout);
        Assert.False(stored!.EventsSampled);
        Assert.Equal((Tasks, Tasks), (stored.StoredEventCount, stored.TotalEventCount));
        var original = run.Results[0].Spans.ToDictionary(s => s.Task);
        using var client = Create(factory);

        // By index, far past the old sample's reach: exactly tasks 25,000-25,099, with their own times.
        var byIndex = await WindowAsync(client, "first=25000&last=25099");
        Assert.False(byIndex.Sampled);
        Assert.Equal(Tasks, byIndex.TaskCount);
        Assert.Equal(Tasks, byIndex.StoredSpans);
        Assert.Equal(Enumerable.Range(25_000, 100), byIndex.Spans.Select(s => s.Task).Order());
        AssertSameTimes(original, byIndex.Spans);

        // By start time: every task that started in [from, to), and no other.
        var (from, to) = (original[20_000].Start, original[20_500].Start);
        var expected = original.Values.Where(s => s.Start >= from && s.Start < to).Select(s => s.Task).Order().ToArray();
        var byTime = await WindowAsync(client, string.Create(CultureInfo.InvariantCulture, $"from={from:R}&to={to:R}"));
        Assert.InRange(expected.Length, 400, 600);
        Assert.Equal(expected, byTime.Spans.Select(s => s.Task).Order());
        Assert.Equal(byTime.Spans.Select(s => s.Start).Order(), byTime.Spans.Select(s => s.Start));
        AssertSameTimes(original, byTime.Spans);
    }

    private static void AssertSameTimes(Dictionary<int, TaskSpan> original, IReadOnlyList<WindowSpan> spans)
    {
        foreach (var span in spans)
        {
            var real = original[span.Task];
            Assert.Equal((real.Start, real.End, real.Lane.ToString()), (span.Start, span.End, span.Lane));
        }
    }

    private static async Task<Window> WindowAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri($"/api/runs/{RunId}/tasks?strategy=async&{query}", UriKind.Relative));
        var json = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = json.GetProperty("spans").EnumerateArray()
            .Select(s => new WindowSpan(
                s.GetProperty("task").GetInt32(), s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(),
                s.GetProperty("lane").GetString()!))
            .ToArray();
        Assert.Equal(spans.Length, json.GetProperty("count").GetInt32());
        return new Window(json.GetProperty("sampled").GetBoolean(), json.GetProperty("taskCount").GetInt32(), json.GetProperty("storedSpans").GetInt32(), spans);
    }

    private sealed record Window(bool Sampled, int TaskCount, int StoredSpans, IReadOnlyList<WindowSpan> Spans);

    private sealed record WindowSpan(int Task, double Start, double End, string Lane);
}
