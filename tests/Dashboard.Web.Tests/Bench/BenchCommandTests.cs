using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Bench;
using Dashboard.Web.Simulation;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Bench;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bench-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RunAsync_HelloTwoStrategies_WritesJsonWithEveryTask()
    {
        var json = Path.Combine(_folder, "hello.json");

        var (exit, output, error) = await RunAsync(
            "--workload", "hello", "--tasks", "6", "--delay-ms", "20", "--strategies", "sequential,async",
            "--repeat", "2", "--json", json);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("sequential", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        Assert.Equal("hello", root.GetProperty("workload").GetString());
        Assert.Equal(6, root.GetProperty("parameters").GetProperty("tasks").GetInt32());
        Assert.Equal(2, root.GetProperty("parameters").GetProperty("repeat").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("environment").GetProperty("targetUrl").ValueKind);
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("environment").GetProperty("cores").GetInt32());
        var strategies = root.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(["sequential", "async"], strategies.Select(s => s.GetProperty("name").GetString()));
        foreach (var strategy in strategies)
        {
            Assert.Equal(2, strategy.GetProperty("wallSeconds").GetArrayLength());
            // Task counts are totals over the measured repetitions (the Engine's rule): 6 tasks x 2.
            Assert.Equal(12, strategy.GetProperty("tasksOk").GetInt32());
            Assert.Equal(0, strategy.GetProperty("tasksFailed").GetInt32());
            Assert.Equal("ok", strategy.GetProperty("outputCheck").GetString());
            var spans = strategy.GetProperty("spans").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 6), spans.Select(s => s.GetProperty("task").GetInt32()));
            Assert.All(spans, s => Assert.True(s.GetProperty("end").GetDouble() >= s.GetProperty("start").GetDouble()));
            Assert.All(spans, s => Assert.Equal("ok", s.GetProperty("status").GetString()));
        }

        // The latency bound: 6 waits of 20 ms one after another, or one wave of 20 ms together.
        Assert.Equal(0.12, strategies[0].GetProperty("limitSeconds").GetDouble(), 6);
        Assert.Equal(0.02, strategies[1].GetProperty("limitSeconds").GetDouble(), 6);
        Assert.All(strategies, s => Assert.Equal(
            Math.Round(s.GetProperty("limitSeconds").GetDouble() / s.GetProperty("medianSeconds").GetDouble(), 4),
            s.GetProperty("ofLimit").GetDouble(), 0.0015)); // both sides rounded (median to 6 places, ofLimit to 4)
        Assert.Contains("% of limit", output, StringComparison.Ordinal);

        // Sequential bars follow one another; async bars all wait at once.
        var sequential = Spans(strategies[0]);
        Assert.All(sequential.Zip(sequential.Skip(1)), pair => Assert.True(pair.Second.Start >= pair.First.End));
        var asyncSpans = Spans(strategies[1]);
        // (At least two at once: a start loop preempted for 20 ms on a busy machine lets the first wait end before the last starts.)
        Assert.True(StrategyResult.MaxInFlight(asyncSpans.Select((s, i) => new TaskSpan(i, new Lane(1, 1), s.Start, s.End, TaskStatus.Ok))) >= 2,
            "async hello tasks did not overlap");

        // Where the time went: per span cpu and ready, per strategy the split summed over tasks.
        foreach (var strategy in strategies)
        {
            var spans = strategy.GetProperty("spans").EnumerateArray().ToList();
            Assert.All(spans, s => Assert.True(s.GetProperty("cpu").GetDouble() >= 0 && s.GetProperty("ready").GetDouble() >= 0));
            var split = strategy.GetProperty("timeSplit");
            Assert.Equal(["cpu", "ready", "wait", "startup", "transfer", "total"], split.EnumerateObject().Select(p => p.Name));
            // Twenty-millisecond sleeps: waiting, far more than CPU; six tasks per repetition.
            Assert.True(split.GetProperty("wait").GetDouble() > split.GetProperty("cpu").GetDouble());
            // At least the six sleeps; the upper bound catches a unit error, not a slow machine (a busy
            // pool runs the async continuations late, and that lateness is waiting).
            Assert.InRange(split.GetProperty("wait").GetDouble(), 0.1, 6);
            var runtime = strategy.GetProperty("runtimeEvents");
            Assert.True(runtime.GetProperty("contentions").GetInt64() >= 0);
            Assert.Equal(JsonValueKind.Array, runtime.GetProperty("adjustments").ValueKind);

            // Memory: the peak working set, and per task in flight the peak above the base (in process).
            Assert.True(strategy.GetProperty("peakWorkingSetMb").GetDouble() > 1);
            Assert.True(strategy.GetProperty("bytesPerTask").GetDouble() >= 0);
        }
    }

    [Fact]
    public async Task RunAsync_HelloPastTheKeptWholeSpans_JsonHasEveryTaskInOrderAndEqualDigests()
    {
        // Past RecordedSpans.KeptWholeUpTo the spans are a view of the recorder, and the rows are made as the JSON is written.
        const int tasks = 20_500;
        var json = Path.Combine(_folder, "many.json");

        var (exit, _, error) = await RunAsync(
            "--workload", "hello", "--tasks", $"{tasks}", "--delay-ms", "0", "--strategies", "sequential,async",
            "--repeat", "1", "--warmup", "0", "--json", json);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var strategies = document.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(2, strategies.Count);
        foreach (var strategy in strategies)
        {
            Assert.Equal(tasks, strategy.GetProperty("tasksOk").GetInt32());
            var spans = strategy.GetProperty("spans").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, tasks), spans.Select(s => s.GetProperty("task").GetInt32()));
            Assert.All(spans, s => Assert.Equal("ok", s.GetProperty("status").GetString()));
            Assert.All(spans, s => Assert.True(s.GetProperty("threads").GetArrayLength() >= 1));
        }

        Assert.Equal(strategies[0].GetProperty("outputDigest").GetString(), strategies[1].GetProperty("outputDigest").GetString());
    }

    [Fact]
    public void BytesPerTask_PeakAboveTheBaseOverTheMostTasksInFlight_NullForWorkerStrategies()
    {
        TaskSpan Span(int task, double start, double end) => new(task, new Lane(1, 1), start, end, TaskStatus.Ok, "ok");
        List<TaskSpan> spans = [Span(0, 0, 1), Span(1, 0.5, 1.5), Span(2, 0.5, 2), Span(3, 2, 3)];
        var async = new StrategyResult(StrategyIds.Async, 0, 3, 0.1, 1, 4, 0, "ok", 10_000 + (3 * 1_000), spans) { BaselineMemoryBytes = 10_000 };

        Assert.Equal(3, async.MaxInFlight()); // 0.5-1: tasks 0, 1 and 2; task 3 starts as task 2 ends, no overlap
        Assert.Equal(1_000, async.BytesPerTask());
        Assert.Null((async with { Strategy = StrategyIds.Processes }).BytesPerTask());
        Assert.Null((async with { Strategy = PythonTwins.Key(StrategyIds.Async) }).BytesPerTask());
        Assert.Null((async with { BaselineMemoryBytes = null }).BytesPerTask());
    }

    [Fact]
    public async Task RunAsync_PowerCalibrate_MeasuresTheMachineAndReportsEachStrategysShareOfTheLimit()
    {
        var json = Path.Combine(_folder, "power.json");

        var (exit, output, error) = await RunAsync(
            "--workload", "power", "--engine", "gmp", "--tasks", "4", "--strategies", "sequential,parallel,processes", "--calibrate", "--json", json);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("CPU calibration (gmp, ", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var calibration = document.RootElement.GetProperty("calibration");
        Assert.Equal(Environment.ProcessorCount, calibration.GetProperty("processes").GetInt32());
        Assert.Equal(BenchCommand.CalibrationRounds, calibration.GetProperty("rounds").GetInt32());
        Assert.True(calibration.GetProperty("oneProcessSeconds").GetDouble() > 0);
        var strategies = document.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        var sequentialCpu = strategies[0].GetProperty("cpuSeconds").GetDouble();
        Assert.Equal(sequentialCpu, strategies[0].GetProperty("limitSeconds").GetDouble(), 5);
        Assert.All(strategies, s => Assert.True(s.GetProperty("ofLimit").GetDouble() > 0));
        Assert.All(strategies.Skip(1), s => Assert.True(s.GetProperty("limitSeconds").GetDouble() <= sequentialCpu + 1e-6));
    }

    [Fact]
    public async Task RunAsync_GenreInProcessTargets_ReportsTargetsAndKnobs()
    {
        var json = Path.Combine(_folder, "genre.json");

        var (exit, _, error) = await RunAsync(
            "--workload", "genre", "--tasks", "12", "--latency-ms", "20", "--strategies", "sequential,async", "--json", json);

        Assert.True(exit == 0, $"exit {exit}: {error}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var environment = document.RootElement.GetProperty("environment");
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/sim/$", environment.GetProperty("targetUrl").GetString());
        Assert.Equal(20, environment.GetProperty("knobs").GetProperty("genreLatencyMs").GetInt32());
        var strategies = document.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(2, strategies.Count);
        Assert.All(strategies, s => Assert.Equal(12, s.GetProperty("tasksOk").GetInt32()));
        Assert.All(strategies, s => Assert.Equal(12, s.GetProperty("spans").GetArrayLength()));
    }

    [Fact]
    public async Task RunAsync_TargetsFailEveryRequest_ExitsOneNamingTheStrategy()
    {
        // Targets elsewhere that answer anyone (Lab:OpenTargets): the bench holds no capability for them.
        await using var targets = await SimulatedTargetsServer.StartAsync(
            new Dictionary<string, string?> { ["Simulation:FailureRate"] = "1", ["Simulation:GenreLatencyMs"] = "0", ["Lab:OpenTargets"] = "true" },
            CancellationToken.None);
        var json = Path.Combine(_folder, "failing.json");

        var (exit, _, error) = await RunAsync(
            "--workload", "genre", "--tasks", "3", "--strategies", "async", "--target-url", targets.BaseUrl, "--json", json);

        Assert.Equal(BenchCommand.ExitFailed, exit);
        Assert.Contains("async: 3 tasks failed", error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var strategy = document.RootElement.GetProperty("strategies")[0];
        Assert.Equal(0, strategy.GetProperty("tasksOk").GetInt32());
        Assert.Equal(3, strategy.GetProperty("tasksFailed").GetInt32());
        Assert.All(strategy.GetProperty("spans").EnumerateArray(), s => Assert.Equal("failed", s.GetProperty("status").GetString()));
        Assert.Equal(1.0, document.RootElement.GetProperty("environment").GetProperty("knobs").GetProperty("failureRate").GetDouble());
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_Exits130AndSaysSo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var exit = await BenchCommand.RunAsync(
            ["--workload", "hello", "--tasks", "100", "--delay-ms", "1000", "--strategies", "sequential"],
            output, error, cancel.Token);

        Assert.Equal(BenchCommand.ExitCancelled, exit);
        Assert.Contains("bench: cancelled.", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tasks", "-3")]
    [InlineData("--workload", "mandelbrot")]
    [InlineData("--frobnicate")]
    [InlineData("--taks", "3")]
    [InlineData("--repeat", "0")]
    [InlineData("--", "--tasks", "3")]
    [InlineData("@/no/such/bench.rsp")]
    public async Task RunAsync_BadFlag_ExitsTwoWithMessage(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(BenchCommand.ExitUsage, exit);
        Assert.StartsWith("bench: ", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("real applies to the genre and scrape workloads only", "--workload", "hello", "--targets", "real")]
    [InlineData("'somewhere' not recognized", "--workload", "genre", "--targets", "somewhere")]
    [InlineData("cannot go with --targets real", "--workload", "genre", "--targets", "real", "--target-url", "http://127.0.0.1:9/sim/")]
    public async Task RunAsync_BadTargets_ExitsTwoWithMessage(string expected, params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(BenchCommand.ExitUsage, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RealTargetsNotConfigured_ExitsThreeNamingTheKey()
    {
        Assert.Null(Environment.GetEnvironmentVariable("Lab__RealTargets__Scrape"));

        var (exit, output, error) = await RunAsync("--workload", "scrape", "--tasks", "2", "--strategies", "sequential", "--targets", "real");

        Assert.Equal(BenchCommand.ExitCouldNotStart, exit);
        Assert.Contains("--targets real needs Lab:RealTargets:Scrape", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task RunAsync_Help_ListsEveryOptionWithItsLimitsAndTheExitCodes()
    {
        var (exit, output, error) = await RunAsync("--help");

        Assert.Equal(BenchCommand.ExitOk, exit);
        Assert.Equal("", error);
        Assert.All(BenchArgumentParser.Command.Options.Where(o => !o.Hidden), o => Assert.Contains(o.Name, output, StringComparison.Ordinal));
        var help = string.Join(" ", output.Split('\n', StringSplitOptions.TrimEntries)); // wrapped lines joined
        foreach (var expected in new[]
        {
            "--workload <genre|power|scrape|hello|gil-loop>", "--preset <tutorial|quick|stress>", "--engine <managed|gmp>",
            "--tasks <n>", "genre tasks (1-10,000)", "power count (1-256)", "scrape pages (1-10,000)", "hello tasks (1-1,000,000)", "gil-loop tasks (1-256)", "--steps <n>",
            "--start <n>", "(2-5,000,000", "--delay-ms <n>", "(0-60,000, default 2,000)", "--name <text>", "(1-200 characters)",
            "--latency-ms <n>", "--page-kb <n>", "(1-2,048", "--target-url <url>", "--strategies <a,b,...|all>",
            "--threads <n>", "(1-1,024", "--async-cap <n>", "(1-100,000", "--degree <n>", "--processes <n>", "(1-64",
            "--repeat <n>", "(1-50)", "--warmup <n>", "(0-10)", "--json <path>", "--keep-output", "-h, --help", "@flags.rsp",
        })
        {
            Assert.Contains(expected, help, StringComparison.Ordinal);
        }

        Assert.Contains(BenchArgumentParser.ExitCodesText, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HelpAfterABadFlag_StillPrintsHelp()
    {
        var (exit, output, _) = await RunAsync("--frobnicate", "-h");

        Assert.Equal(BenchCommand.ExitOk, exit);
        Assert.Contains("Exit codes:", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static List<(double Start, double End)> Spans(JsonElement strategy) =>
        strategy.GetProperty("spans").EnumerateArray()
            .Select(s => (s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble()))
            .OrderBy(s => s.Item1)
            .ToList();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var exit = await BenchCommand.RunAsync(args, output, error, timeout.Token);
        return (exit, output.ToString(), error.ToString());
    }
}
