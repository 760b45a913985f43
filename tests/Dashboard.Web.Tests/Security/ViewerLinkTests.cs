using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Read-only viewer links on the real server over loopback: a viewer reads runs, exports, the
/// compare page and watches a live run on the hub; every change (API, knobs, capabilities, links,
/// hub Cancel) is a 403 or a HubException with the reason; revoking the link signs its viewers out
/// at once; the cap admits Auth:MaxViewers and says why it refuses the next.
/// </summary>
public sealed class ViewerLinkTests : IAsyncLifetime
{
    private const string QuickRun = """{"workload":"hello","tasks":5,"strategies":["sequential","async"],"options":{"delayMs":10}}""";

    private readonly DashboardFactory _app = new(new Dictionary<string, string?> { ["Auth:MaxViewers"] = "2" });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Viewer_EveryChange_Gets403WithTheReason()
    {
        using var owner = ApiClient.Create(_app);
        var run = await ApiClient.StartRunAsync(owner, QuickRun);
        await ApiClient.WaitForStateAsync(owner, run, "completed", "failed", "cancelled");
        var link = await Viewers.CreateLinkAsync(_app);
        var (viewer, _) = await Viewers.SignInAsync(_app, link.Path);
        using var client = viewer;

        (HttpMethod Method, string Path, string? Body)[] changes =
        [
            (HttpMethod.Post, "/api/runs", QuickRun),
            (HttpMethod.Post, $"/api/runs/{run}/cancel", null),
            (HttpMethod.Delete, $"/api/runs/{run}", null),
            (HttpMethod.Post, "/api/runs/import", "{}"),
            (HttpMethod.Put, "/sim/knobs", """{"genreLatencyMs":1}"""),
            (HttpMethod.Delete, "/sim/knobs", null),
            (HttpMethod.Post, "/sim/capabilities", null),
            (HttpMethod.Delete, "/sim/capabilities", null),
            (HttpMethod.Get, "/api/viewer-links", null),
            (HttpMethod.Post, "/api/viewer-links", null),
            (HttpMethod.Delete, $"/api/viewer-links/{link.Id}", null),
        ];
        foreach (var (method, path, body) in changes)
        {
            using var request = Browserlike.SameSite(method, path, _app.BaseAddress,
                body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
            using var response = await client.SendAsync(request);
            await Viewers.AssertRefusedAsync(response, $"{method} {path}");
        }

        // Nothing changed: the run is there, the link holds, the knobs are the defaults.
        using var stillThere = await owner.GetAsync(new Uri($"/api/runs/{run}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Single(_app.Services.GetRequiredService<ViewerLinks>().List());
        var knobs = await owner.GetFromJsonAsync<JsonElement>("/sim/knobs");
        Assert.NotEqual(1, knobs.GetProperty("genreLatencyMs").GetInt32());
    }

    [Fact]
    public async Task Viewer_ReadsRunsExportsComparePagesAndTheKnobs()
    {
        using var owner = ApiClient.Create(_app);
        var first = await ApiClient.StartRunAsync(owner, QuickRun);
        var second = await ApiClient.StartRunAsync(owner, QuickRun);
        await ApiClient.WaitForStateAsync(owner, first, "completed");
        await ApiClient.WaitForStateAsync(owner, second, "completed");
        var (viewer, _) = await Viewers.SignInAsync(_app, (await Viewers.CreateLinkAsync(_app)).Path);
        using var client = viewer;

        var list = await client.GetFromJsonAsync<JsonElement>("/api/runs");
        Assert.Contains(first, list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        foreach (var path in new[]
        {
            $"/api/runs/{first}", $"/api/runs/{first}/export/json", $"/api/runs/{first}/export/csv", $"/api/runs/{first}/export/md",
            "/sim/knobs", "/history", $"/runs/{first}", $"/compare?ids={first},{second}", "/targets", "/",
        })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }

        // The pages say what the link allows, and the owner's actions are not there.
        var history = await client.GetStringAsync(new Uri("/history", UriKind.Relative));
        Assert.Contains("data-test=\"viewer-notice\"", history, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"import-button\"", history, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-test=\"delete-{first}\"", history, StringComparison.Ordinal);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("data-test=\"run-button\"", home, StringComparison.Ordinal);
        Assert.Contains("the owner starts runs", home, StringComparison.Ordinal);
        var share = await client.GetStringAsync(new Uri("/share", UriKind.Relative));
        Assert.Contains("data-test=\"share-refused\"", share, StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"share-create\"", share, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_Hub_WatchesALiveRunButCannotCancelIt()
    {
        using var owner = ApiClient.Create(_app);
        var (viewer, cookie) = await Viewers.SignInAsync(_app, (await Viewers.CreateLinkAsync(_app)).Path);
        viewer.Dispose();
        await using var hub = await Viewers.HubAsync(_app, cookie);
        var run = await ApiClient.StartRunAsync(owner,
            """{"workload":"hello","tasks":20,"strategies":["sequential","async"],"repeat":2,"options":{"delayMs":30}}""");

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<bool>("Cancel", run));
        Assert.Contains(DashboardAuth.ViewerRefusal, refused.Message, StringComparison.Ordinal);

        using var timeout = new CancellationTokenSource(ApiClient.Patience);
        var messages = 0;
        await foreach (var unused in hub.StreamAsync<JsonElement>("Watch", run, timeout.Token))
        {
            messages++;
        }

        Assert.True(messages >= 1, "the viewer got no message");
        var finished = await ApiClient.WaitForStateAsync(owner, run, "completed", "failed", "cancelled");
        Assert.Equal("completed", finished.GetProperty("state").GetString());
        Assert.Equal(run, (await hub.InvokeAsync<JsonElement>("GetRun", run)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Revoke_TheViewersNextRequest_Gets401OrTheSignInPage_AndItsHubConnectionCloses()
    {
        var link = await Viewers.CreateLinkAsync(_app);
        var (viewer, cookie) = await Viewers.SignInAsync(_app, link.Path);
        using var client = viewer;
        using (var before = await client.GetAsync(new Uri("/api/runs", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = await Viewers.HubAsync(_app, cookie);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        Assert.Equal(7, await hub.InvokeAsync<long>("Ping", 7L));
        Assert.Equal(1, _app.Services.GetRequiredService<ViewerLinks>().Viewers);

        using var owner = ApiClient.Create(_app);
        using var revoke = await owner.DeleteAsync(new Uri($"/api/viewer-links/{link.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var api = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var (copy, _) = (Browserlike.Create(_app.BaseAddress, out var cookies), 0);
        using var thief = copy;
        cookies.Add(_app.BaseAddress, new Cookie(DashboardAuth.CookieName, cookie));
        using var page = await thief.GetAsync(new Uri("/history", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The link itself signs nobody in any more, and the owner's list no longer has it.
        using var again = Browserlike.Create(_app.BaseAddress, out _);
        using var reopened = await again.GetAsync(new Uri(link.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, reopened.StatusCode);
        Assert.Contains("does not work", await reopened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_app.Services.GetRequiredService<ViewerLinks>().List());
    }

    [Fact]
    public async Task Cap_TheViewerBeyondMaxViewers_IsRefusedWithTheReason_UntilOneSignsOut()
    {
        var link = await Viewers.CreateLinkAsync(_app);
        var (one, _) = await Viewers.SignInAsync(_app, link.Path);
        var (two, _) = await Viewers.SignInAsync(_app, link.Path);
        using var first = one;
        using var second = two;

        using var third = Browserlike.Create(_app.BaseAddress, out _);
        using var refused = await third.GetAsync(new Uri(link.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("2 viewers signed in, the most it admits (Auth:MaxViewers)", page, StringComparison.Ordinal);

        // The same viewer opening the link again is not a new viewer.
        using var reopen = await first.GetAsync(new Uri(link.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, reopen.StatusCode);
        Assert.Equal(2, _app.Services.GetRequiredService<ViewerLinks>().Viewers);

        using var logout = await second.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/logout", _app.BaseAddress));
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        using var admitted = await third.GetAsync(new Uri(link.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, admitted.StatusCode);

        using var owner = ApiClient.Create(_app);
        var listed = await owner.GetFromJsonAsync<JsonElement>("/api/viewer-links");
        Assert.Equal(2, listed.GetProperty("viewers").GetInt32());
        Assert.Equal(2, listed.GetProperty("maxViewers").GetInt32());
        Assert.Equal(2, Assert.Single(listed.GetProperty("links").EnumerateArray()).GetProperty("viewers").GetInt32());
    }

    [Fact]
    public async Task Link_WrongSecret_SignsNobodyIn()
    {
        var link = await Viewers.CreateLinkAsync(_app);
        using var client = Browserlike.Create(_app.BaseAddress, out var cookies);
        using var response = await client.GetAsync(new Uri(link.Path[..^4] + "AAAA", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(cookies.GetCookies(_app.BaseAddress), c => c.Name == DashboardAuth.CookieName);
        Assert.Equal(0, _app.Services.GetRequiredService<ViewerLinks>().Viewers);
    }
}
