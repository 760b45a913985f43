using System.Net;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Runs;
using Dashboard.Web.Tests.Storage;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The built app as a real process, stopped and started again on its data folder: the login link
/// is on the console and never in the log file, the files are owner-only, and a restart with a
/// new Auth:Token ends every cookie signed in under the old one.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RealRestartTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task RestartWithANewToken_TheOldCookieGets401_TheLinkIsOnTheConsoleOnly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var folder = Path.Combine(_data.Path, "data");
        const string OldToken = "old-process-token-0123456789";
        const string NewToken = "new-process-token-9876543210";
        string cookie;
        Uri address;
        await using (var first = await ServerProcess.StartAsync(folder, OldToken, ct))
        {
            address = first.Client.BaseAddress!;
            Assert.Contains($"Login: {address.GetLeftPart(UriPartial.Authority)}/login?t={OldToken}", await ConsoleLineAsync(first, "Login: ", ct), StringComparison.Ordinal);
            using var browser = Browserlike.Create(address, out var cookies);
            using var login = await browser.GetAsync(new Uri($"/login?t={OldToken}", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
            cookie = cookies.GetCookies(address)[DashboardAuth.CookieName]!.Value;
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(address, cookie, ct));
            Assert.Equal(0, await first.TerminateAsync(ct));
        }

        await using var second = await ServerProcess.StartAsync(folder, NewToken, ct);
        var now = second.Client.BaseAddress!;

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(now, cookie, ct));
        using var api = await second.Client.GetAsync(new Uri("/api/runs", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        var logs = Directory.GetFiles(Path.Combine(folder, "logs"));
        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            var text = await File.ReadAllTextAsync(log, ct);
            Assert.DoesNotContain(OldToken, text, StringComparison.Ordinal);
            Assert.DoesNotContain(NewToken, text, StringComparison.Ordinal);
            Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(log));
        }

        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(folder));
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(Path.Combine(folder, "dashboard.db")));
        Assert.All(Directory.GetFiles(Path.Combine(folder, "keys")), key => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(key)));
    }

    private static async Task<string> ConsoleLineAsync(ServerProcess server, string start, CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = server.Output.Split('\n').FirstOrDefault(l => l.Contains(start, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri address, string cookie, CancellationToken cancellationToken)
    {
        using var client = Browserlike.Create(address, out var cookies);
        cookies.Add(address, new Cookie(DashboardAuth.CookieName, cookie));
        using var response = await client.GetAsync(new Uri("/api/runs", UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }
}
