using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Bench;

namespace Dashboard.Web.Tests.Bench;

/// <summary>bench --sweep: its flag's checks, and a real small sweep's tables and JSON.</summary>
public sealed class BenchSweepTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bench-sweep-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Parse_Sweep_SetsThePlansSweep()
    {
        var options = BenchArgumentParser.Parse(["--workload", "power", "--strategies", "threadpool,parallel", "--sweep", "1,2,4,8"]);

        Assert.Equal([1, 2, 4, 8], options.Sweep);
        Assert.Equal(["threadpool@1", "threadpool@2", "threadpool@4", "threadpool@8", "parallel@1", "parallel@2", "parallel@4", "parallel@8"],
            options.Plan.StrategyRuns);
    }

    [Theory]
    [InlineData("1,x", "bench: --sweep sweep must be whole numbers")]
    [InlineData("4", "bench: --sweep sweep must have 2 to 8 sizes (got 1).")]
    [InlineData("1,2,3,4,5,6,7,8,9", "bench: --sweep sweep must have 2 to 8 sizes (got 9).")]
    [InlineData("2,2", "bench: --sweep Each sweep size may appear once.")]
    [InlineData("1,65", "bench: --sweep Sweep size 65 is above the processes limit of 64 processes.")]
    public void Parse_BadSweep_NamesTheFlag(string sweep, string expected)
    {
        var e = Assert.Throws<BenchUsageException>(() =>
            BenchArgumentParser.Parse(["--workload", "hello", "--strategies", "processes", "--sweep", sweep]));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SweepWithoutSizedStrategy_NamesTheFlag()
    {
        var e = Assert.Throws<BenchUsageException>(() =>
            BenchArgumentParser.Parse(["--workload", "hello", "--strategies", "sequential,threads", "--sweep", "1,2"]));

        Assert.Contains("--sweep", e.Message, StringComparison.Ordinal);
        Assert.Contains("tick at least one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HelloSweep_PrintsATablePerStrategyAndWritesSweepAndScaling()
    {
        var json = Path.Combine(_folder, "sweep.json");

        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exit = await BenchCommand.RunAsync(
            ["--workload", "hello", "--tasks", "4", "--delay-ms", "300", "--strategies", "sequential,threadpool,parallel", "--sweep", "2,1", "--json", json],
            output, error, timeout.Token);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        var text = output.ToString();
        Assert.Contains("threadpool sweep (workers), speedup vs size 1:", text, StringComparison.Ordinal);
        Assert.Contains("parallel sweep (degree), speedup vs size 1:", text, StringComparison.Ordinal);
        Assert.Contains("Amdahl fit: serial fraction ", text, StringComparison.Ordinal);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        Assert.Equal(["sequential", "threadpool@1", "threadpool@2", "parallel@1", "parallel@2"],
            root.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([1, 2], root.GetProperty("parameters").GetProperty("sweep").EnumerateArray().Select(s => s.GetInt32()));

        var sweep = root.GetProperty("sweep").EnumerateArray().ToList();
        Assert.Equal(
            [("threadpool", 1), ("threadpool", 2), ("parallel", 1), ("parallel", 2)],
            sweep.Select(p => (p.GetProperty("strategy").GetString(), p.GetProperty("size").GetInt32())));
        Assert.All(sweep, p =>
        {
            Assert.Equal(["strategy", "size", "medianSeconds"], p.EnumerateObject().Select(o => o.Name));
            Assert.True(p.GetProperty("medianSeconds").GetDouble() > 0);
        });

        // Size 2 runs at most two waits at once and size 1 one, whatever the machine's load; the
        // thread pool's two dedicated workers both start before the first three of four 0.3 s waits end,
        // so its size 2 overlaps. The medians are figures (a loaded machine can reverse them).
        Assert.Equal(1, MaxInFlight(root, "threadpool@1"));
        Assert.Equal(2, MaxInFlight(root, "threadpool@2"));
        Assert.Equal(1, MaxInFlight(root, "parallel@1"));
        Assert.InRange(MaxInFlight(root, "parallel@2"), 1, 2);

        var scaling = root.GetProperty("scaling").EnumerateArray().ToList();
        Assert.Equal(["threadpool", "parallel"], scaling.Select(s => s.GetProperty("strategy").GetString()));
        Assert.All(scaling, s =>
        {
            Assert.Equal(["strategy", "serialFraction", "speedupLimit", "r2", "baseline"], s.EnumerateObject().Select(o => o.Name));
            Assert.InRange(s.GetProperty("serialFraction").GetDouble(), 0, 1);
            Assert.Equal("size 1", s.GetProperty("baseline").GetString());
        });
    }

    /// <summary>The most spans of the strategy <paramref name="name"/> in the JSON running at one instant.</summary>
    private static int MaxInFlight(JsonElement root, string name) => StrategyResult.MaxInFlight(root.GetProperty("strategies").EnumerateArray()
        .Single(s => s.GetProperty("name").GetString() == name).GetProperty("spans").EnumerateArray()
        .Select(s => new TaskSpan(s.GetProperty("task").GetInt32(), Lane.Current, s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), Engine.Running.TaskStatus.Ok)));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
