using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Runs;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Memory outputs under /dev/shm, where every user may write: the app's folder there has a random
/// name, is made by the app and is 0700; a link planted where the app expects its folder, or among
/// the run folders, is never followed (the folder it points to survives) and is named in the log.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class MemoryFolderTests : IDisposable
{
    private const string MemoryRun = """{"workload":"genre","tasks":3,"strategies":["async"],"output":"memory"}""";

    private readonly TempFolder _data = new();
    private readonly TmpfsFolder _shm = new();

    public void Dispose()
    {
        _shm.Dispose();
        _data.Dispose();
    }

    private string Folder => Path.Combine(_data.Path, "data");

    [Fact]
    public async Task MemoryRun_TheAppsFolderHasARandomNameAndIsPrivate()
    {
        await using var app = Start();
        using var client = Create(app);

        var id = await StartRunAsync(client, MemoryRun);

        Assert.Equal("completed", (await WaitForStateAsync(client, id, "completed", "failed", "cancelled")).GetProperty("state").GetString());
        var outputs = app.Services.GetRequiredService<RunOutputLocations>();
        var appFolder = Path.GetDirectoryName(outputs.MemoryParent)!;
        Assert.Equal(_shm.Path, Path.GetDirectoryName(appFolder));
        Assert.Matches(AppFolderName(), Path.GetFileName(appFolder));
        Assert.True(PrivateFiles.IsPrivateDirectory(appFolder), $"{appFolder} is not a 0700 folder of this user");
        Assert.True(PrivateFiles.IsPrivateDirectory(outputs.MemoryParent));
        Assert.Equal(3, Directory.GetFiles(outputs.DirectoryFor(id, LabOutput.Memory), "new_file*.txt").Length);
    }

    [Fact]
    public async Task LinkPlantedWhereTheAppsFolderGoes_NotFollowed_TheVictimSurvivesAndTheLogSaysSo()
    {
        // The name the app will look for (it keeps it in the data folder), with a link planted there first.
        Directory.CreateDirectory(Folder);
        var planned = new MemoryOutputFolder(new DataFolder(Folder), _shm.Path).AppFolder;
        var victim = Victim("runs", "4242");
        Directory.CreateSymbolicLink(planned, Path.Combine(_data.Path, "victim"));

        await using var app = Start();
        using var client = Create(app);
        var id = await StartRunAsync(client, MemoryRun);
        Assert.Equal("completed", (await WaitForStateAsync(client, id, "completed", "failed", "cancelled")).GetProperty("state").GetString());

        Assert.True(File.Exists(victim), "the start-up sweep or the run went through the planted link");
        Assert.Equal(FileKind.SymbolicLink, PrivateFiles.Lstat(planned)!.Kind);
        var used = Path.GetDirectoryName(app.Services.GetRequiredService<RunOutputLocations>().MemoryParent)!;
        Assert.NotEqual(planned, used);
        Assert.True(PrivateFiles.IsPrivateDirectory(used));
        Assert.Contains($"Unexpected {planned} in the memory outputs' folder", await AppLog.ReadAsync(Folder, "Unexpected"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksAmongTheRunFolders_TheSweepLeavesThemAndTheirTargets_RemovesStaleRealOnes()
    {
        string memoryRuns;
        await using (var first = Start())
        {
            using var client = Create(first);
            var id = await StartRunAsync(client, MemoryRun);
            await WaitForStateAsync(client, id, "completed", "failed", "cancelled");
            memoryRuns = first.Services.GetRequiredService<RunOutputLocations>().MemoryParent;
        }

        var victim = Victim("precious");
        Directory.CreateDirectory(Path.Combine(Folder, "runs"));
        Directory.CreateSymbolicLink(Path.Combine(memoryRuns, "777"), Path.GetDirectoryName(victim)!);
        Directory.CreateSymbolicLink(Path.Combine(Folder, "runs", "778"), Path.GetDirectoryName(victim)!);
        var stale = Path.Combine(memoryRuns, "779");
        Directory.CreateDirectory(stale);
        await File.WriteAllTextAsync(Path.Combine(stale, "new_file0.txt"), "left by a run nobody stores");

        await using (var second = Start())
        {
            using var client = Create(second);
            using var response = await client.GetAsync(new Uri("/api/runs", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var log = await AppLog.ReadAsync(Folder, "778 among");
            Assert.Contains($"Unexpected {Path.Combine(memoryRuns, "777")} among the runs' output folders", log, StringComparison.Ordinal);
            Assert.Contains($"Unexpected {Path.Combine(Folder, "runs", "778")} among the runs' output folders", log, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(victim));
        Assert.False(Directory.Exists(stale), "a stale run folder was not swept");
    }

    private DashboardFactory Start() =>
        new(new Dictionary<string, string?> { [$"{MemoryOutputsOptions.SectionName}:Directory"] = _shm.Path }, dataDirectory: Folder);

    /// <summary>A file in a folder outside the app's (someone else's), which must survive.</summary>
    private string Victim(params string[] parts)
    {
        var folder = Path.Combine([_data.Path, "victim", .. parts]);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "keep.txt");
        File.WriteAllText(file, "not the app's");
        return file;
    }

    [GeneratedRegex("^concurrency-dashboard-[0-9a-f]{12}-[0-9a-f]{32}$")]
    private static partial Regex AppFolderName();
}
