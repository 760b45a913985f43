using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Runs;

public sealed class RunBudgetTests
{
    // The scrape and genre descriptors' figures (their cost models): AngleSharp's parse per KB, and
    // the tutorial's real page and genre call.
    private const double ScrapeParseSecondsPerKb = 0.000_15;
    private const double RealPageSeconds = 0.889;
    private const double RealGenreCallSeconds = 0.284;

    private static RunPlan Plan(WorkloadParameters parameters, int strategies = 1, int repeat = 1, int warmup = 0) =>
        new(parameters, StrategyCatalog.DefaultIds.Take(strategies).ToList(), repeat, warmup);

    [Fact]
    public void Estimate_HelloSequential_IsTasksTimesWaitTimesRepetitions()
    {
        var estimate = TestBudgets.Create().Estimate(Plan(new HelloParameters(Tasks: 10, DelayMs: 2_000), strategies: 1, repeat: 2, warmup: 1));

        Assert.Equal(10 * (2 + WorkloadCost.TaskOverheadSeconds) * 3, estimate.Seconds, 9);
        Assert.Equal(10, estimate.Tasks);
        Assert.Equal(3, estimate.Repetitions);
        Assert.False(estimate.IsOverBudget);
        Assert.Equal("Estimated run time: 60 s of 900 s budget", estimate.Summary);
        Assert.Equal("sequential 20 s (10 tasks one after another) per repetition x 3 repetitions", estimate.Breakdown);
    }

    [Fact]
    public void Estimate_EachStrategyByItsShape_SequentialTheSum_ThreadsAndAsyncOneWait_APoolOneWaitPerRound()
    {
        var plan = new RunPlan(new HelloParameters(Tasks: 100, DelayMs: 1_000),
            [StrategyIds.Sequential, StrategyIds.Threads, StrategyIds.Async, StrategyIds.ThreadPool], Options: new StrategyOptions(ThreadPoolSize: 6));

        var walls = TestBudgets.Create().Estimate(plan, cores: 2).Strategies.ToDictionary(s => s.Key);

        var overhead = 100 * WorkloadCost.TaskOverheadSeconds;
        Assert.Equal(100 + overhead, walls[StrategyIds.Sequential].Seconds, 9);
        Assert.Equal(1 + overhead / 2, walls[StrategyIds.Threads].Seconds, 9); // CPU on both cores
        Assert.Equal(1 + overhead, walls[StrategyIds.Async].Seconds, 9); // its CPU on the one thread that starts them
        Assert.Equal(17 + overhead / 2, walls[StrategyIds.ThreadPool].Seconds, 9); // 100 tasks on 6 threads: 17 rounds
        Assert.Equal("100 tasks at once, about one wait, CPU work on 2 cores", walls[StrategyIds.Threads].Shape);
        Assert.Equal("100 tasks on 6 lanes: 17 rounds of 1 s waits, CPU work on 2 cores", walls[StrategyIds.ThreadPool].Shape);
    }

    [Fact]
    public void Estimate_PowerOnTwoCores_ParallelAndProcessesHalveTheCpu_AsyncDoesNot()
    {
        var plan = new RunPlan(new PowerParameters(1_000_000, 16, PowerEngine.Gmp),
            [StrategyIds.Sequential, StrategyIds.Parallel, StrategyIds.Processes, StrategyIds.Async]);

        var walls = TestBudgets.Create().Estimate(plan, cores: 2).Strategies.ToDictionary(s => s.Key, s => s.Seconds);

        Assert.Equal(walls[StrategyIds.Sequential] / 2, walls[StrategyIds.Parallel], 9);
        Assert.Equal(walls[StrategyIds.Sequential] / 2, walls[StrategyIds.Processes], 9);
        Assert.Equal(walls[StrategyIds.Sequential], walls[StrategyIds.Async], 9);
    }

    [Fact]
    public void ThrowIfOverBudget_AsyncHundredThousandOneSecondWaits_Fits_SequentialIsRefusedByName()
    {
        // The issue's case: 1,000 ms waits were refused above 899 tasks, whatever the strategy.
        var budget = TestBudgets.Create();
        var hello = new HelloParameters(Tasks: 100_000, DelayMs: 1_000);

        var async = budget.ThrowIfOverBudget(new RunPlan(hello, [StrategyIds.Async]));
        var ex = Assert.Throws<InvalidParametersException>(() => budget.ThrowIfOverBudget(new RunPlan(hello, [StrategyIds.Async, StrategyIds.Sequential])));

        Assert.InRange(async.Seconds, 1, 900);
        Assert.Equal(
            "This run would take about 100,021 s (2 strategy runs x 1 repetition); the limit is 900 s (Runs:MaxRunSeconds). " +
            "sequential alone takes about 100,010 s (100,000 tasks one after another): untick it, or run fewer tasks or repetitions.",
            Assert.Single(ex.Errors["budget"]));
    }

    [Theory]
    [InlineData(StrategyIds.Async)]
    [InlineData(StrategyIds.AsyncProcesses)]
    [InlineData(StrategyIds.Cluster)]
    public void ThrowIfOverBudget_MillionTenSecondWaits_FitsTheDefaultLimits(string strategy)
    {
        // The issue's experiment: a million tasks that each wait 10 s, for the strategies that wait without a thread each.
        var budget = TestBudgets.Create();
        var plan = new RunPlan(new HelloParameters(Tasks: 1_000_000, DelayMs: 10_000), [strategy]);

        Assert.Equal(1_000_000, RunServiceOptions.DefaultMaxTasksPerRun);
        Assert.Empty(plan.Validate());
        Assert.InRange(budget.ThrowIfOverBudget(plan).Seconds, 10, 900);
    }

    [Fact]
    public void Estimate_Genre_UsesGenreLatencyPlusHalfTheJitter()
    {
        var knobs = TestBudgets.Knobs();
        var budget = TestBudgets.Create(knobs);
        var plan = Plan(new GenreParameters(Tasks: 100));

        Assert.Equal(100 * (0.280 + WorkloadCost.HttpCallOverheadSeconds), budget.Estimate(plan).Seconds, 9);

        knobs.Update(k => k with { JitterMs = 100 });
        Assert.Equal(100 * (0.280 + 0.050 + WorkloadCost.HttpCallOverheadSeconds), budget.Estimate(plan).Seconds, 9);
    }

    [Fact]
    public void Estimate_Scrape_UsesPageLatencyAndPageSize()
    {
        var knobs = TestBudgets.Knobs();
        var budget = TestBudgets.Create(knobs);
        var plan = Plan(new ScrapeParameters(Pages: 100));

        Assert.Equal(100 * (0.200 + WorkloadCost.HttpCallOverheadSeconds + 100 * ScrapeParseSecondsPerKb), budget.Estimate(plan).Seconds, 9);

        knobs.Update(k => k with { PageSizeKb = 1_000 });
        Assert.Equal(100 * (0.200 + WorkloadCost.HttpCallOverheadSeconds + 1_000 * ScrapeParseSecondsPerKb), budget.Estimate(plan).Seconds, 9);
    }

    [Fact]
    public void Estimate_KnobChange_ChangesTheEstimateOfTheSamePlan()
    {
        var knobs = TestBudgets.Knobs();
        var budget = TestBudgets.Create(knobs);
        var plan = Plan(new GenreParameters(Tasks: 1_000), strategies: 1);
        var before = budget.Estimate(plan);

        knobs.Update(k => k with { GenreLatencyMs = 1_000 });
        var after = budget.Estimate(plan);

        Assert.False(before.IsOverBudget);
        Assert.True(after.IsOverBudget);
        Assert.Equal(1_000 * (1.0 + WorkloadCost.HttpCallOverheadSeconds), after.Seconds, 9);
    }

    [Theory]
    [InlineData(PowerEngine.Managed, 1_000_000, 2.6, 3.0)]
    [InlineData(PowerEngine.Managed, 150_000, 0.2, 0.22)]
    [InlineData(PowerEngine.Managed, 5_000_000, 30, 45)]
    [InlineData(PowerEngine.Gmp, 1_000_000, 0.1, 0.12)]
    [InlineData(PowerEngine.Gmp, 5_000_000, 0.7, 0.72)]
    public void Estimate_PowerOneTask_MatchesTheCalibration(PowerEngine engine, int start, double low, double high)
    {
        var estimate = TestBudgets.Create().Estimate(Plan(new PowerParameters(start, 1, engine)));

        Assert.InRange(estimate.Seconds, low, high);
    }

    [Fact]
    public void Estimate_PowerLargerI_CostsMoreThanLinearlyInI()
    {
        var budget = TestBudgets.Create();
        var small = budget.Estimate(Plan(new PowerParameters(1_000_000, 1, PowerEngine.Managed))).Seconds;
        var large = budget.Estimate(Plan(new PowerParameters(2_000_000, 1, PowerEngine.Managed))).Seconds;

        Assert.True(large > 2.5 * small, $"{large} vs {small}");
    }

    [Fact]
    public void Estimate_RealTargets_UsesTheTutorialsTimingsNotTheSimulatedKnobs()
    {
        var budget = TestBudgets.Create(TestBudgets.Knobs());

        var real = budget.Estimate(Plan(new ScrapeParameters(Pages: 100)) with { Targets = LabTargets.Real });
        var simulated = budget.Estimate(Plan(new ScrapeParameters(Pages: 100)));

        Assert.True(real.ParametersOnly);
        Assert.Equal(100 * RealPageSeconds, real.Seconds, 9);
        Assert.False(simulated.ParametersOnly);
    }

    [Fact]
    public void Estimate_CustomTargetUrl_UsesTheTutorialsTimingsIgnoresKnobsAndSaysSo()
    {
        var knobs = TestBudgets.Knobs();
        var budget = TestBudgets.Create(knobs, targetBaseUrl: "http://10.0.0.5:8080/");
        var plan = Plan(new GenreParameters(Tasks: 5_000));

        var before = budget.Estimate(plan);
        knobs.Update(k => k with { GenreLatencyMs = 10_000 });
        var after = budget.Estimate(plan);

        Assert.True(before.ParametersOnly);
        Assert.Equal(5_000 * RealGenreCallSeconds, before.Seconds, 9);
        Assert.Equal(before.Seconds, after.Seconds);
        Assert.Contains("Estimated from the parameters alone", before.Refusal, StringComparison.Ordinal);
        Assert.Contains("custom targets", before.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfOverBudget_HelloExampleFromTheIssue_NamesEstimateBreakdownAndLimit()
    {
        var plan = new RunPlan(new HelloParameters(Tasks: 10_000, DelayMs: 60_000), [.. StrategyCatalog.DefaultIds], Repeat: 50, Warmup: 10);

        var ex = Assert.Throws<InvalidParametersException>(() => TestBudgets.Create().ThrowIfOverBudget(plan));

        var message = Assert.Single(ex.Errors["budget"]);
        Assert.StartsWith("This run would take about ", message, StringComparison.Ordinal);
        Assert.Contains("(7 strategy runs x 60 repetitions); the limit is 900 s (Runs:MaxRunSeconds).", message, StringComparison.Ordinal);
        Assert.Contains("sequential alone takes about 36,000,060 s (10,000 tasks one after another)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PowerEngine.Managed, 7)]
    [InlineData(PowerEngine.Managed, 1)]
    public void ThrowIfOverBudget_PowerFromFiveMillion256Tasks_Refused(PowerEngine engine, int strategies)
    {
        var plan = Plan(new PowerParameters(PowerParameters.MaxStart, PowerParameters.MaxCount, engine), strategies);

        var ex = Assert.Throws<InvalidParametersException>(() => TestBudgets.Create().ThrowIfOverBudget(plan));

        Assert.Contains("alone takes about", Assert.Single(ex.Errors["budget"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Breakdown_PowerWithGmp_NamesEachStrategyWithItsShape()
    {
        var estimate = TestBudgets.Create().Estimate(Plan(new PowerParameters(PowerParameters.MaxStart, PowerParameters.MaxCount, PowerEngine.Gmp), 2), cores: 2);

        Assert.Equal("sequential 182 s (256 tasks one after another) + threads 91 s (256 tasks at once, CPU work on 2 cores) per repetition x 1 repetition",
            estimate.Breakdown);
    }

    [Fact]
    public void ThrowIfOverBudget_ConfiguredLimit_IsTheOneNamed()
    {
        var budget = TestBudgets.Create(maxRunSeconds: 1);

        var ex = Assert.Throws<InvalidParametersException>(() => budget.ThrowIfOverBudget(Plan(new HelloParameters(Tasks: 2, DelayMs: 1_000))));

        Assert.Contains("the limit is 1 s (Runs:MaxRunSeconds)", Assert.Single(ex.Errors["budget"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GenreParameters.WorkloadId)]
    [InlineData(PowerParameters.WorkloadId)]
    [InlineData(ScrapeParameters.WorkloadId)]
    [InlineData(HelloParameters.WorkloadId)]
    public void RunPagePresets_WithThePagesStrategies_FitTheDefaultBudget(string workload)
    {
        var budget = TestBudgets.Create();
        foreach (var preset in WorkloadPresets.PresetIds)
        {
            var form = new RunForm();
            form.SelectWorkload(workload);
            form.ApplyPreset(preset);

            // Power Stress fits with GMP (the default where present, and in the container); with the
            // managed engine its 7 strategies are ~1,250 s and the page says so.
            if (form.Descriptor.Fields.OfType<ChoiceField>().FirstOrDefault(f => f.Name == "engine") is { } engine)
            {
                form.Set(engine, "gmp");
            }

            var estimate = budget.Estimate(form.ToPlan());

            Assert.False(estimate.IsOverBudget, $"{workload} {preset}: {estimate.Refusal}");
        }
    }

    [Fact]
    public void Enqueue_OverBudget_ThrowsBudgetErrorAndQueuesNothing()
    {
        var queue = new RunQueue(Options.Create(new RunServiceOptions()), TestBudgets.Create(), TimeProvider.System, NullLogger<RunQueue>.Instance);

        var ex = Assert.Throws<InvalidParametersException>(() =>
            queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 100, DelayMs: 60_000), [StrategyIds.Sequential])));

        Assert.Equal(["budget"], ex.Errors.Keys);
        Assert.Empty(queue.List());
    }

    [Fact]
    public void Enqueue_WithinBudget_Queues()
    {
        var queue = new RunQueue(Options.Create(new RunServiceOptions()), TestBudgets.Create(), TimeProvider.System, NullLogger<RunQueue>.Instance);

        var run = queue.Enqueue(new RunPlan(new HelloParameters(Tasks: 10, DelayMs: 100), [.. StrategyCatalog.DefaultIds]));

        Assert.Equal(RunState.Queued, run.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ValidateRunServiceOptions_MaxRunSecondsNotPositive_FailsNamingTheSetting(int seconds)
    {
        var result = new ValidateRunServiceOptions().Validate(null, new RunServiceOptions { MaxRunSeconds = seconds });

        Assert.True(result.Failed);
        Assert.Contains("Runs:MaxRunSeconds", result.FailureMessage, StringComparison.Ordinal);
    }
}
