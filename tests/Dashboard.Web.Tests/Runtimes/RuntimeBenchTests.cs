using System.Text.Json;
using Dashboard.Web.Bench;

namespace Dashboard.Web.Tests.Runtimes;

/// <summary>bench --runtime: both runtimes in one report, labelled, with equal power outputs.</summary>
public sealed class RuntimeBenchTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bench-runtime-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Bench_PowerBoth_EveryStrategyAndRuntimeHasTheSameOutputDigest()
    {
        var json = Path.Combine(_folder, "power.json");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var exit = await BenchCommand.RunAsync(
            ["--workload", "power", "--start", "5000", "--tasks", "4", "--processes", "2", "--runtime", "both", "--json", json],
            output, error, timeout.Token);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("threads (python)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("no Python twin: parallel", output.ToString(), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var strategies = document.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(13, strategies.Count);
        Assert.Equal(6, strategies.Count(s => s.GetProperty("runtime").GetString() == "python"));
        Assert.DoesNotContain(strategies, s => s.GetProperty("name").GetString()!.StartsWith("python", StringComparison.Ordinal));
        Assert.Single(strategies.Select(s => s.GetProperty("outputDigest").GetString()).Distinct());
        Assert.Equal("both", document.RootElement.GetProperty("parameters").GetProperty("runtime").GetString());
    }

    [Fact]
    public async Task Bench_BadRuntime_ExitsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await BenchCommand.RunAsync(["--workload", "hello", "--runtime", "jvm"], output, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("'jvm' not recognized", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("both", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
