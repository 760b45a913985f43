using System.Net;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// A client that behaves like a person's browser: it keeps cookies, does not follow redirects
/// (so tests see them), and signs in by opening the login link.
/// </summary>
internal static class Browserlike
{
    public static HttpClient Create(Uri baseAddress, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Opens /login?t=TOKEN and asserts the 303 and the sign-in cookie.</summary>
    public static async Task<HttpClient> SignedInAsync(DashboardFactory factory) => (await SignedInWithCookieAsync(factory)).Client;

    /// <summary>As <see cref="SignedInAsync"/>, and the sign-in cookie's value (to copy it elsewhere, as a thief would).</summary>
    public static async Task<(HttpClient Client, string Cookie)> SignedInWithCookieAsync(DashboardFactory factory)
    {
        var client = Create(factory.BaseAddress, out var cookies);
        using var response = await client.GetAsync(new Uri($"/login?t={Uri.EscapeDataString(factory.Token)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cookie = Assert.Single(cookies.GetCookies(factory.BaseAddress), c => c.Name == ".Dashboard.Auth" && c.HttpOnly);
        return (client, cookie.Value);
    }

    /// <summary>What this site's own pages send: an Origin header naming this site.</summary>
    public static HttpRequestMessage SameSite(HttpMethod method, string path, Uri baseAddress, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("Origin", baseAddress.GetLeftPart(UriPartial.Authority));
        return request;
    }
}
