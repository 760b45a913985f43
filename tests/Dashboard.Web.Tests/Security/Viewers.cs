using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace Dashboard.Web.Tests.Security;

/// <summary>The owner makes read-only links over the API; a viewer opens one as a browser would.</summary>
internal static class Viewers
{
    /// <summary>POST /api/viewer-links as the owner (bearer): the new link's id and path (/login?v=...).</summary>
    public static async Task<(string Id, string Path)> CreateLinkAsync(DashboardFactory app)
    {
        using var owner = app.CreateSignedInClient();
        using var response = await owner.PostAsync(new Uri("/api/viewer-links", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetString()!, json.GetProperty("path").GetString()!);
    }

    /// <summary>Opens the link: asserts the 303 and the HttpOnly cookie; returns the viewer's client and cookie.</summary>
    public static async Task<(HttpClient Client, string Cookie)> SignInAsync(DashboardFactory app, string path)
    {
        var client = Browserlike.Create(app.BaseAddress, out var cookies);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookie = Assert.Single(cookies.GetCookies(app.BaseAddress), c => c.Name == DashboardAuth.CookieName && c.HttpOnly);
        return (client, cookie.Value);
    }

    /// <summary>A started hub connection riding on <paramref name="cookie"/> (with this site's Origin, as a page's script sends).</summary>
    public static async Task<HubConnection> HubAsync(DashboardFactory app, string cookie)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "hubs/runs"), o =>
            {
                o.Cookies.Add(new Cookie(DashboardAuth.CookieName, cookie, "/", app.BaseAddress.Host));
                o.Headers["Origin"] = app.BaseAddress.GetLeftPart(UriPartial.Authority);
            })
            .Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>Asserts a 403 problem that says the caller is a read-only viewer.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(DashboardAuth.ViewerRefusal, problem.RootElement.GetProperty("detail").GetString());
    }
}
