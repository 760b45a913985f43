using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Bench;

namespace Dashboard.Web.Tests.Bench;

public sealed class BenchArgumentParserTests
{
    [Fact]
    public void Parse_NoFlags_GenreTutorialWithAllStrategies()
    {
        var options = BenchArgumentParser.Parse([]);

        Assert.Equal(new GenreParameters(Tasks: 5), options.Parameters);
        Assert.Equal(StrategyCatalog.DefaultIds, options.Strategies);
        Assert.Equal(1, options.Repeat);
        Assert.Null(options.LatencyMs);
        Assert.Null(options.TargetUrl);
    }

    [Fact]
    public void Parse_PowerFlags_OverridePreset()
    {
        var options = BenchArgumentParser.Parse(
            ["--workload", "power", "--preset=quick", "--tasks", "4", "--engine", "managed", "--strategies", "sequential, parallel",
             "--degree", "3", "--repeat", "2", "--warmup=1", "--json", "out.json"]);

        Assert.Equal(new PowerParameters(Start: PowerQuickSize.For(PresetMachine.Default).Start, Count: 4, Engine: PowerEngine.Managed), options.Parameters);
        Assert.Equal(["sequential", "parallel"], options.Strategies);
        Assert.Equal(3, options.StrategyOptions.ParallelDegree);
        Assert.Equal(2, options.Repeat);
        Assert.Equal(1, options.Warmup);
        Assert.Equal("out.json", options.JsonPath);
    }

    [Fact]
    public void Parse_PowerQuickWithRuntimePython_FittedToPython()
    {
        var options = BenchArgumentParser.Parse(["--workload", "power", "--preset", "quick", "--runtime", "python", "--strategies", "sequential"]);

        Assert.Equal(PowerQuickSize.For(PresetMachine.Default with { Runtime = LabRuntime.Python }), options.Parameters);
        Assert.True(((PowerParameters)options.Parameters).Start < PowerQuickSize.For(PresetMachine.Default).Start || !PowerEngines.IsGmpAvailable);
    }

    [Fact]
    public void Parse_ClusterWithNodes_KeepsTheNodeCount()
    {
        var options = BenchArgumentParser.Parse(["--workload", "power", "--strategies", "processes,cluster", "--nodes", "2"]);

        Assert.Equal(["processes", "cluster"], options.Strategies);
        Assert.Equal(2, options.Nodes);
    }

    [Theory]
    [InlineData("--strategies processes --nodes 2", "--nodes applies to --strategies with cluster or blocking-grain only")]
    [InlineData("--strategies cluster --nodes 17", "--nodes")]
    [InlineData("--strategies cluster --nodes 0", "--nodes")]
    public void Parse_BadNodes_NamesTheFlag(string args, string expected)
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgumentParser.Parse(args.Split(' ')));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Split_SetsTheProcessSplitAndDefaultsToPull()
    {
        Assert.Equal(ProcessSplit.Contiguous, BenchArgumentParser.Parse(["--split", "contiguous"]).StrategyOptions.EffectiveProcessSplit);
        Assert.Equal(ProcessSplit.Pull, BenchArgumentParser.Parse([]).StrategyOptions.EffectiveProcessSplit);
    }

    [Fact]
    public void Parse_ScrapeWithTarget_NormalisesTrailingSlash()
    {
        var options = BenchArgumentParser.Parse(
            ["--workload", "scrape", "--tasks", "7", "--page-kb", "2", "--latency-ms", "200", "--target-url", "http://127.0.0.1:5000/sim"]);

        Assert.Equal(new ScrapeParameters(Pages: 7), options.Parameters);
        Assert.Equal(2, options.PageKb);
        Assert.Equal(200, options.LatencyMs);
        Assert.Equal("http://127.0.0.1:5000/sim/", options.TargetUrl);
    }

    [Theory]
    [InlineData("--bogus", "bench: Unrecognized command or argument '--bogus'")]
    [InlineData("--tasks", "bench: Required argument missing for option: '--tasks'")]
    [InlineData("--tasks abc", "bench: --tasks expects a whole number (got 'abc')")]
    [InlineData("--tasks 0", "bench: --tasks tasks must be between 1 and 10,000 (got 0)")]
    [InlineData("--tasks 1 --tasks 2", "bench: Option '--tasks' expects a single argument but 2 were provided")]
    [InlineData("--workload nope", "bench: Argument 'nope' not recognized. Must be one of:")]
    [InlineData("--preset huge", "bench: Argument 'huge' not recognized. Must be one of:")]
    [InlineData("--strategies sequential,fibers", "bench: --strategies unknown strategy 'fibers'")]
    [InlineData("--strategies ,", "bench: --strategies needs at least one strategy, or 'all'")]
    [InlineData("--strategies sequential,sequential", "bench: --strategies Each strategy may appear once")]
    [InlineData("--start 5", "bench: --start applies to --workload power only")]
    [InlineData("--workload power --engine quantum", "bench: Argument 'quantum' not recognized. Must be one of:")]
    [InlineData("--workload power --latency-ms 5", "bench: --latency-ms applies to --workload genre or scrape only")]
    [InlineData("--page-kb 2", "bench: --page-kb applies to --workload scrape only")]
    [InlineData("--latency-ms 60001", "bench: --latency-ms must be between 0 and 60,000 (got 60,001)")]
    [InlineData("--workload scrape --page-kb 0", "bench: --page-kb must be between 1 and 2,048 (got 0)")]
    [InlineData("--target-url ftp://x/", "bench: --target-url expects an absolute http(s) address")]
    [InlineData("--repeat 51", "bench: --repeat must be between 1 and 50 (got 51)")]
    [InlineData("--warmup -1", "bench: --warmup must be between 0 and 10 (got -1)")]
    [InlineData("--processes 0", "bench: --processes must be between 1 and 64 (got 0)")]
    [InlineData("--calibrate", "bench: --calibrate applies to --workload power only")]
    [InlineData("--split round-robin", "bench: Argument 'round-robin' not recognized. Must be one of:")]
    [InlineData("--workload hello --name \" \"", "bench: --name name must not be empty")]
    [InlineData("genre", "bench: Unrecognized command or argument 'genre'")]
    [InlineData("--keep-output=yes", "bench: Unrecognized command or argument 'yes'")]
    [InlineData("-- --tasks 3", "bench: Unrecognized command or argument '--tasks'")]
    public void Parse_BadFlag_ThrowsUsageNamingIt(string args, string expected)
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgumentParser.Parse(Split(args)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--taks", "--tasks")]
    [InlineData("--stratgies", "--strategies")]
    [InlineData("--keep-ouptut", "--keep-output")]
    public void Parse_MisspeltFlag_SuggestsTheFlag(string misspelt, string meant)
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgumentParser.Parse([misspelt, "3"]));

        Assert.Contains($"'{misspelt}' was not matched. Did you mean one of the following? {meant}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'3' was not matched", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DoubleDashAlone_EndsTheFlags()
    {
        var options = BenchArgumentParser.Parse(["--tasks", "3", "--"]);

        Assert.Equal(new GenreParameters(Tasks: 3), options.Parameters);
    }

    [Fact]
    public void Parse_ResponseFile_ReadsFlagsFromIt()
    {
        var file = Path.Combine(Path.GetTempPath(), "bench-" + Guid.NewGuid().ToString("N") + ".rsp");
        File.WriteAllLines(file, ["--workload hello", "--tasks 4", "--strategies=sequential,async"]);
        try
        {
            var options = BenchArgumentParser.Parse(["@" + file, "--repeat", "2"]);

            Assert.Equal(new HelloParameters(Tasks: 4), options.Parameters);
            Assert.Equal(["sequential", "async"], options.Strategies);
            Assert.Equal(2, options.Repeat);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_MissingResponseFile_ThrowsUsageNamingIt()
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgumentParser.Parse(["@/no/such/bench.rsp"]));

        Assert.Contains("/no/such/bench.rsp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WantsHelp_HelpAmongBadFlags_IsTrue()
    {
        Assert.True(BenchArgumentParser.WantsHelp(BenchArgumentParser.ParseCommandLine(["--bogus", "-h"])));
        Assert.True(BenchArgumentParser.WantsHelp(BenchArgumentParser.ParseCommandLine(["--help"])));
        Assert.False(BenchArgumentParser.WantsHelp(BenchArgumentParser.ParseCommandLine(["--tasks", "3"])));
    }

    /// <summary>Splits on spaces, keeping "quoted parts" together (like a shell, minus escapes).</summary>
    private static string[] Split(string args)
    {
        var parts = new List<string>();
        var quoted = args.Split('"');
        for (var i = 0; i < quoted.Length; i++)
        {
            if (i % 2 == 1)
            {
                parts.Add(quoted[i]);
            }
            else
            {
                parts.AddRange(quoted[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return [.. parts];
    }
}
