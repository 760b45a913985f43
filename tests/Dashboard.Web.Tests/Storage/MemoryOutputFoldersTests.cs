using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Runs;
using Microsoft.Extensions.Options;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Memory outputs (a tmpfs folder) go with their runs exactly like disk outputs: delete, retention, start-up sweep.</summary>
public sealed class MemoryOutputFoldersTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TmpfsFolder _shm = new();

    public void Dispose()
    {
        _folder.Dispose();
        _shm.Dispose();
    }

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { [MemoryOutputsOptions.SectionName + ":Directory"] = _shm.Path };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task DeleteAsync_RunWithMemoryOutputs_TmpfsFolderRemoved_OthersKept()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path, Settings());
        await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        var memory = WriteOutputFolder(1, LabOutput.Memory, files: 50);
        var other = WriteOutputFolder(2, LabOutput.Memory, files: 1);

        Assert.True(await host.Store.DeleteAsync(1, TestContext.Timeout));

        Assert.False(Directory.Exists(memory));
        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public async Task SaveAsync_BeyondMaxRuns_EvictedRunsMemoryFolderRemoved()
    {
        await using var host = await StorageHost.StartAsync(_folder.Path, Settings(("Storage:MaxRuns", "1")));
        await host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);
        var evicted = WriteOutputFolder(1, LabOutput.Memory, files: 3);
        var kept = WriteOutputFolder(2, LabOutput.Memory, files: 3);

        await host.Store.SaveAsync(TestRuns.Finished(2), null, false, TestContext.Timeout);

        Assert.False(Directory.Exists(evicted));
        Assert.True(Directory.Exists(kept));
    }

    [Fact]
    public async Task AppStart_MemoryFoldersOfRunsNotStored_Swept_StoredRunsKept()
    {
        var settings = Settings((DataFolder.ConfigurationKey, _folder.Path), ("Simulation:GenreLatencyMs", "5"));
        long id;
        await using (var first = new DashboardFactory(settings))
        {
            using var client = Create(first);
            id = await StartRunAsync(client, """{"workload":"genre","tasks":3,"strategies":["async"],"output":"memory"}""");
            await WaitForStateAsync(client, id, "completed");
        }

        var stored = Locations().DirectoryFor(id, LabOutput.Memory);
        Assert.Equal(3, Directory.GetFiles(stored).Length);
        var orphan = WriteOutputFolder(id + 100, LabOutput.Memory, files: 2);

        await using var second = new DashboardFactory(settings);
        using var again = Create(second);
        await WaitForStateAsync(again, id, "completed");

        Assert.False(Directory.Exists(orphan), "an output folder of a run the store does not have was left in memory");
        Assert.True(Directory.Exists(stored));
    }

    private RunOutputLocations Locations() =>
        new(new DataFolder(_folder.Path), Options.Create(new MemoryOutputsOptions { Directory = _shm.Path }));

    private string WriteOutputFolder(long id, LabOutput output, int files)
    {
        var folder = Locations().DirectoryFor(id, output);
        TmpfsFolder.CreatePrivateDirectory(folder);
        for (var i = 0; i < files; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"new_file{i}.txt"), "x");
        }

        return folder;
    }
}
