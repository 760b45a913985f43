using System.Net;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Tests.Storage;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Files only the app can read: the data folder is 0700 and what it holds 0600 (database, logs,
/// keys, calibration, the ended sessions), on disk, after a real run, a sign-in and a sign-out;
/// a folder left by an older version is tightened at start, and a link in it is neither followed nor changed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FilePermissionsTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task AfterARunASignInAndASignOut_EveryFolderIs0700AndEveryFile0600()
    {
        var folder = Path.Combine(_data.Path, "data");
        await using (var app = new DashboardFactory(dataDirectory: folder))
        {
            using var client = Create(app);
            var id = await StartRunAsync(client, """{"workload":"genre","tasks":3,"strategies":["sequential","processes"]}""");
            Assert.Equal("completed", (await WaitForStateAsync(client, id, "completed", "failed", "cancelled")).GetProperty("state").GetString());
            var signedIn = await Browserlike.SignedInWithCookieAsync(app);
            using var browser = signedIn.Client;
            using var logout = await browser.SendAsync(Browserlike.SameSite(HttpMethod.Post, "/logout", app.BaseAddress));
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        }

        var entries = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Append(folder).ToList();
        Assert.Contains(entries, e => Path.GetFileName(e) == "dashboard.db");
        Assert.Contains(entries, e => Path.GetFileName(e).StartsWith("dashboard-", StringComparison.Ordinal) && e.EndsWith(".log", StringComparison.Ordinal));
        Assert.Contains(entries, e => Path.GetFileName(e).StartsWith("key-", StringComparison.Ordinal));
        Assert.Contains(entries, e => Path.GetFileName(e) == "ended-sessions.json");
        Assert.Contains(entries, e => Path.GetFileName(e) == "new_file0.txt");
        // SQLite's -wal and -shm go when the pool's last connection closes, which may be just after
        // the app is disposed: an entry gone by the time it is read left nothing behind to check.
        var wrong = entries
            .Select(e => (Path: e, Mode: ModeOrNull(e), Folder: Directory.Exists(e)))
            .Where(e => e.Mode is { } mode && mode != (e.Folder ? PrivateFiles.DirectoryMode : PrivateFiles.FileMode))
            .Select(e => $"{e.Path} {Convert.ToString((int)e.Mode!.Value, 8)}")
            .ToList();
        Assert.True(wrong.Count == 0, "not owner-only: " + string.Join(", ", wrong));
    }

    private static UnixFileMode? ModeOrNull(string path)
    {
        try
        {
            return File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    [Fact]
    public async Task OlderFolderReadableByAll_TightenedAtStart_ALinkInItNeitherFollowedNorChanged()
    {
        var folder = Path.Combine(_data.Path, "data");
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var openFolder = open | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        foreach (var sub in new[] { "", "logs", "calibration", "keys" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
            File.SetUnixFileMode(Path.Combine(folder, sub), openFolder);
        }

        var log = Path.Combine(folder, "logs", "dashboard-20260101.log");
        var calibration = Path.Combine(folder, "calibration", "gmp-2cores-0123456789abcdef.json");
        var notes = Path.Combine(folder, "keys", "notes.txt");
        foreach (var file in new[] { log, calibration, notes })
        {
            await File.WriteAllTextAsync(file, "older version");
            File.SetUnixFileMode(file, open);
        }

        var victim = Path.Combine(_data.Path, "victim.txt");
        await File.WriteAllTextAsync(victim, "someone else's");
        File.SetUnixFileMode(victim, open);
        var link = Path.Combine(folder, "logs", "dashboard-link.log");
        File.CreateSymbolicLink(link, victim);

        await using (var app = new DashboardFactory(dataDirectory: folder))
        {
            using var client = Create(app);
            using var response = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await AppLog.ReadAsync(folder, "Unexpected link");
            Assert.Contains($"Unexpected link {link}", text, StringComparison.Ordinal);
            Assert.Contains("readable by this user only", text, StringComparison.Ordinal);
        }

        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(folder));
        foreach (var sub in new[] { "logs", "calibration", "keys" })
        {
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(Path.Combine(folder, sub)));
        }

        Assert.All(new[] { log, calibration, notes }, f => Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(f)));
        Assert.Equal(FileKind.SymbolicLink, PrivateFiles.Lstat(link)!.Kind);
        Assert.Equal(open, File.GetUnixFileMode(victim));
        Assert.Equal("someone else's", await File.ReadAllTextAsync(victim));
    }
}
