using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Api.ApiClient;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The "output" choice of POST /api/runs with real runs: files land where the run chose (a real
/// tmpfs folder for memory), every runtime and worker process writes there, the environment
/// records the file system, and the folder goes with the run.
/// </summary>
public sealed class RunOutputsApiTests : IAsyncLifetime
{
    private readonly TmpfsFolder _shm = new();
    private DashboardFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new DashboardFactory(new Dictionary<string, string?>
        {
            [MemoryOutputsOptions.SectionName + ":Directory"] = _shm.Path,
            [MemoryOutputsOptions.SectionName + ":MaxMb"] = "2",
            ["Simulation:GenreLatencyMs"] = "20",
        });
        _client = Create(_factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _shm.Dispose();
    }

    [Fact]
    public async Task PostRun_MemoryOutputs_EveryRuntimeWritesToTheTmpfsFolder_RecordedAndDeletedWithTheRun()
    {
        var id = await StartRunAsync(_client,
            """{"workload":"genre","tasks":20,"strategies":["async","processes"],"runtime":"both","output":"memory"}""");

        var run = await WaitForStateAsync(_client, id, "completed", "failed", "cancelled");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        var outputs = run.GetProperty("environment").GetProperty("outputs");
        Assert.Equal("memory", outputs.GetProperty("location").GetString());
        Assert.Equal("tmpfs", outputs.GetProperty("fileSystem").GetString());
        Assert.False(outputs.TryGetProperty("directory", out _), "the API names the server's folder");
        var folder = _factory.Services.GetRequiredService<RunOutputLocations>().DirectoryFor(id, LabOutput.Memory);
        Assert.StartsWith(_shm.Path + "/", folder, StringComparison.Ordinal);
        Assert.Equal("tmpfs", TmpfsFolder.FindMountType(folder));

        // Each strategy's check reads the files back from the run's folder and compares them with
        // what its tasks fetched: .NET in-process, .NET worker processes and both Python twins.
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["async", "python-async", "processes", "python-processes"], results.Select(r => r.GetProperty("strategy").GetString()));
        Assert.All(results, r => Assert.Equal("ok", r.GetProperty("outputCheck").GetString()));
        Assert.All(results, r => Assert.Equal(20, r.GetProperty("tasksOk").GetInt32()));
        Assert.Equal(20, Directory.GetFiles(folder, "new_file*.txt").Length);
        Assert.False(Directory.Exists(new DataFolder(_factory.DataDirectory).RunOutput(id)), "a memory run wrote to the disk folder");

        using var deleted = await _client.DeleteAsync($"/api/runs/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(Directory.Exists(folder), "the memory outputs outlived their run");
    }

    [Fact]
    public async Task PostRun_DiskOutputsByDefault_UnderTheDataFolder_FileSystemFromTheRealMounts()
    {
        var id = await StartRunAsync(_client, """{"workload":"genre","tasks":5,"strategies":["async"]}""");

        var run = await WaitForStateAsync(_client, id, "completed", "failed", "cancelled");

        Assert.Equal("completed", run.GetProperty("state").GetString());
        var outputs = run.GetProperty("environment").GetProperty("outputs");
        var folder = new DataFolder(_factory.DataDirectory).RunOutput(id);
        Assert.False(outputs.TryGetProperty("directory", out _), "the API names the server's folder");
        Assert.Equal(TmpfsFolder.FindMountType(folder), outputs.GetProperty("fileSystem").GetString());
        Assert.Equal(FileSystemsSay(folder), outputs.GetProperty("location").GetString());
        Assert.Equal(5, Directory.GetFiles(folder, "new_file*.txt").Length);

        // The JSON and Markdown exports carry the kind and file system, never the server's folder.
        var json = await _client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/export/json");
        Assert.Equal(TmpfsFolder.FindMountType(folder), json.GetProperty("environment").GetProperty("outputs").GetProperty("fileSystem").GetString());
        var markdown = await _client.GetStringAsync($"/api/runs/{id}/export/md");
        Assert.Contains($"- Outputs: {FileSystemsSay(folder)} ({TmpfsFolder.FindMountType(folder)})\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(folder, markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"workload":"genre","tasks":5,"output":"tape"}""", "output must be one of disk, memory (got 'tape')")]
    [InlineData("""{"workload":"genre","tasks":5,"output":1}""", "output must be a string")]
    [InlineData("""{"workload":"genre","tasks":600,"output":"memory"}""", "Memory outputs are capped at 2 MB all together (Dashboard:MemoryOutputs:MaxMb)")]
    public async Task PostRun_BadOutput_Returns400OnTheOutputField(string body, string expected)
    {
        using var response = await _client.PostAsync("/api/runs", Json(body));

        Assert.Equal(["output"], await ErrorFieldsAsync(response));
        var message = (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("output")[0].GetString();
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRun_MemoryWhereNoTmpfs_Returns400SayingSo()
    {
        await using var factory = new DashboardFactory(new Dictionary<string, string?>
        {
            [MemoryOutputsOptions.SectionName + ":Directory"] = Path.GetTempPath(),
        });
        using var client = Create(factory);
        Assert.NotEqual("tmpfs", TmpfsFolder.FindMountType(Path.GetTempPath()));

        using var response = await client.PostAsync("/api/runs", Json("""{"workload":"genre","tasks":5,"output":"memory"}"""));

        Assert.Equal(["output"], await ErrorFieldsAsync(response));
        var message = (await ReadJsonAsync(response)).GetProperty("errors").GetProperty("output")[0].GetString();
        Assert.Contains("Memory outputs need a tmpfs folder", message, StringComparison.Ordinal);
    }

    private static string FileSystemsSay(string folder) => FileSystems.IsMemory(TmpfsFolder.FindMountType(folder)) ? "memory" : "disk";
}
