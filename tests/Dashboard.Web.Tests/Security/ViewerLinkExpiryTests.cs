using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>A read-only link lasts Auth:ViewerLinkHours: then its viewers are signed out and it signs nobody in.</summary>
public sealed class ViewerLinkExpiryTests : IAsyncLifetime
{
    private readonly ShiftedTime _time = new();
    private readonly DashboardFactory _app;

    public ViewerLinkExpiryTests() =>
        _app = new DashboardFactory(new Dictionary<string, string?> { ["Auth:ViewerLinkHours"] = "1" },
            services => services.AddSingleton<TimeProvider>(_time));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Link_AfterItsLifetime_EndsItsViewersAndSignsNobodyIn()
    {
        var link = await Viewers.CreateLinkAsync(_app);
        var (viewer, _) = await Viewers.SignInAsync(_app, link.Path);
        using var client = viewer;
        _time.Shift = TimeSpan.FromMinutes(59);
        using (var before = await client.GetAsync(new Uri("/api/runs", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        _time.Shift = TimeSpan.FromMinutes(61);

        using var after = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using var late = Browserlike.Create(_app.BaseAddress, out _);
        using var refused = await late.GetAsync(new Uri(link.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This read-only link expired at", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Cleaned up: the owner's list drops it, from memory and from the file.
        using var owner = _app.CreateSignedInClient();
        var listed = await owner.GetFromJsonAsync<JsonElement>("/api/viewer-links");
        Assert.Equal(0, listed.GetProperty("links").GetArrayLength());
        Assert.DoesNotContain(link.Id, await File.ReadAllTextAsync(Path.Combine(_app.DataDirectory, ViewerLinks.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_AtMostMaxLinks_TheNextIsRefusedWithTheReason()
    {
        using var owner = _app.CreateSignedInClient();
        for (var i = 0; i < ViewerLinks.MaxLinks; i++)
        {
            await Viewers.CreateLinkAsync(_app);
        }

        using var response = await owner.PostAsync(new Uri("/api/viewer-links", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("revoke one first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
