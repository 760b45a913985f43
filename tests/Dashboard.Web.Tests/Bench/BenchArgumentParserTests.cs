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
        Assert.Equal(StrategyIds.All, options.Strategies);
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

        Assert.Equal(new PowerParameters(Start: WorkloadPresets.QuickPowerStart, Count: 4, Engine: PowerEngine.Managed), options.Parameters);
        Assert.Equal(["sequential", "parallel"], options.Strategies);
        Assert.Equal(3, options.StrategyOptions.ParallelDegree);
        Assert.Equal(2, options.Repeat);
        Assert.Equal(1, options.Warmup);
        Assert.Equal("out.json", options.JsonPath);
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
    [InlineData("--bogus", "unknown flag '--bogus'")]
    [InlineData("--tasks", "--tasks needs a value")]
    [InlineData("--tasks abc", "--tasks expects a whole number (got 'abc')")]
    [InlineData("--tasks 0", "--tasks tasks must be between 1 and 10,000 (got 0)")]
    [InlineData("--tasks 1 --tasks 2", "--tasks is given more than once")]
    [InlineData("--workload nope", "--workload unknown workload 'nope'")]
    [InlineData("--preset huge", "--preset unknown preset 'huge'")]
    [InlineData("--strategies sequential,fibers", "--strategies unknown strategy 'fibers'")]
    [InlineData("--strategies sequential,sequential", "--strategies Each strategy may appear once")]
    [InlineData("--start 5", "--start applies to --workload power only")]
    [InlineData("--workload power --engine quantum", "--engine expects managed or gmp (got 'quantum')")]
    [InlineData("--workload power --latency-ms 5", "--latency-ms applies to --workload genre or scrape only")]
    [InlineData("--page-kb 2", "--page-kb applies to --workload scrape only")]
    [InlineData("--latency-ms 60001", "--latency-ms must be between 0 and 60,000 (got 60,001)")]
    [InlineData("--workload scrape --page-kb 0", "--page-kb must be between 1 and 2,048 (got 0)")]
    [InlineData("--target-url ftp://x/", "--target-url expects an absolute http(s) address")]
    [InlineData("--repeat 51", "--repeat repeat must be between 1 and 50 (got 51)")]
    [InlineData("--processes 0", "--processes processCount must be between 1 and 64 (got 0)")]
    [InlineData("--workload hello --name \" \"", "--name name must not be empty")]
    [InlineData("genre", "unexpected argument 'genre'")]
    [InlineData("--keep-output=yes", "--keep-output takes no value")]
    public void Parse_BadFlag_ThrowsUsageNamingIt(string args, string expected)
    {
        var error = Assert.Throws<BenchUsageException>(() => BenchArgumentParser.Parse(Split(args)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WantsHelp_HelpAmongBadFlags_IsTrue()
    {
        Assert.True(BenchArgumentParser.WantsHelp(["--bogus", "-h"]));
        Assert.False(BenchArgumentParser.WantsHelp(["--tasks", "3"]));
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
