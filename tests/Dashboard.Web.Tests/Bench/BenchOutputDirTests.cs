using System.Text.Json;
using Dashboard.Web.Bench;
using Dashboard.Web.Tests.Runs;

namespace Dashboard.Web.Tests.Bench;

/// <summary>bench --output-dir: the run's files in a chosen folder (tmpfs here), its file system in the JSON.</summary>
public sealed class BenchOutputDirTests : IDisposable
{
    private readonly TmpfsFolder _shm = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bench-output-tests-" + Guid.NewGuid().ToString("N"));

    public BenchOutputDirTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _shm.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RunAsync_OutputDirOnTmpfs_FilesThereDuringTheRun_JsonSaysTmpfs_OnlyTheRunsFolderRemoved()
    {
        var json = Path.Combine(_folder, "genre.json");
        var mine = Path.Combine(_shm.Path, "keep-me.txt");
        await File.WriteAllTextAsync(mine, "not the bench's");

        var (exit, output, error) = await RunAsync(
            "--workload", "genre", "--tasks", "8", "--latency-ms", "5", "--strategies", "async,processes", "--output-dir", _shm.Path, "--json", json);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var outputs = document.RootElement.GetProperty("environment").GetProperty("outputs");
        Assert.Equal("memory", outputs.GetProperty("location").GetString());
        Assert.Equal("tmpfs", outputs.GetProperty("fileSystem").GetString());
        var runFolder = outputs.GetProperty("directory").GetString()!;
        Assert.Equal(_shm.Path, Path.GetDirectoryName(runFolder));
        Assert.Contains($"output memory (tmpfs) {runFolder}", output, StringComparison.Ordinal);

        // The output checks read the files back from that folder (in-process and worker processes alike).
        Assert.All(document.RootElement.GetProperty("strategies").EnumerateArray(), s => Assert.Equal("ok", s.GetProperty("outputCheck").GetString()));
        Assert.False(Directory.Exists(runFolder), "the bench left its run folder");
        Assert.True(File.Exists(mine), "the bench deleted a file of the folder it was given");
    }

    [Fact]
    public async Task RunAsync_OutputDirKept_FilesStayOnTheChosenFileSystem()
    {
        var json = Path.Combine(_folder, "kept.json");

        var (exit, _, error) = await RunAsync(
            "--workload", "genre", "--tasks", "4", "--latency-ms", "5", "--strategies", "async", "--output-dir", _folder, "--keep-output", "--json", json);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var outputs = document.RootElement.GetProperty("environment").GetProperty("outputs");
        var runFolder = outputs.GetProperty("directory").GetString()!;
        Assert.Equal(TmpfsFolder.FindMountType(runFolder), outputs.GetProperty("fileSystem").GetString());
        Assert.Equal(4, Directory.GetFiles(runFolder, "new_file*.txt").Length);
    }

    [Fact]
    public async Task RunAsync_OutputDirMissing_ExitsTwoNamingTheFlag()
    {
        var missing = Path.Combine(_folder, "no", "such");

        var (exit, output, error) = await RunAsync("--workload", "hello", "--tasks", "1", "--output-dir", missing);

        Assert.Equal(BenchCommand.ExitUsage, exit);
        Assert.Contains($"bench: --output-dir '{missing}' is not an existing folder", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void Parse_OutputDir_MadeAbsolute_DefaultNull()
    {
        Assert.Null(BenchArgumentParser.Parse(["--workload", "hello"]).OutputDir);
        Assert.Equal(_folder, BenchArgumentParser.Parse(["--workload", "hello", "--output-dir", _folder + "/"]).OutputDir?.TrimEnd('/'));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exit = await BenchCommand.RunAsync(args, output, error, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }
}
