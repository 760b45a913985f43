using System.Text;
using System.Text.Json;
using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Api;
using Dashboard.Web.Bench;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Explain;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Components;
using Dashboard.Web.Tests.Runs;

namespace Dashboard.Web.Tests.Descriptors;

/// <summary>
/// Walks every strategy and workload descriptor through every layer that reads the catalogues: the
/// Run page renders it, the API accepts it, the bench lists and parses it, the budget prices it,
/// Explain says something of it, and the exports and stored timelines place it. A new descriptor
/// that some layer does not know fails here by name.
/// </summary>
public sealed class DescriptorWalkTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public static TheoryData<string> Strategies => [.. StrategyCatalog.Ids];

    public static TheoryData<string> Workloads => [.. WorkloadCatalog.Ids];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Strategy_RunPage_ShowsItsNameAndTheHintOfTheChosenRuntime(string id)
    {
        var strategy = StrategyCatalog.Get(id);
        var cut = _ctx.Render<Home>();

        var option = cut.Find($"[data-test=strategy-{id}]");
        Assert.Contains(strategy.Name, option.TextContent, StringComparison.Ordinal);
        Assert.Equal(strategy.Hint(new StrategyOptions()), HintText(cut.Find($"[data-test=hint-{id}]")));

        cut.Find("button[data-test=runtime-python]").Click();

        var hint = HintText(cut.Find($"[data-test=hint-{id}]"));
        if (strategy.Twin is { } twin)
        {
            Assert.Equal(twin.Hint(new StrategyOptions()), hint);
            Assert.Empty(cut.FindAll($"[data-test=no-twin-{id}]"));
        }
        else
        {
            Assert.NotEmpty(cut.FindAll($"[data-test=no-twin-{id}]"));
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Strategy_Api_AcceptsItAndKeepsIt(string id)
    {
        var parsed = Parse($$"""{"workload":"hello","tasks":2,"strategies":["{{id}}"]}""");

        Assert.Empty(parsed.Errors);
        Assert.Equal([id], parsed.Plan!.Strategies);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Strategy_Bench_ListsItInItsHelpAndParsesIt(string id)
    {
        var help = await HelpAsync();
        var options = BenchArgumentParser.Parse(["--workload", "hello", "--strategies", id]);

        Assert.Contains(id, help, StringComparison.Ordinal);
        Assert.Equal([id], options.Strategies);
        Assert.Equal(StrategyCatalog.Get(id).Membership == StrategyMembership.All,
            BenchArgumentParser.Parse(["--workload", "hello"]).Strategies.Contains(id));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Strategy_Budget_PricesOneStrategyRunPerRepetition(string id)
    {
        var estimate = TestBudgets.Create().Estimate(new RunPlan(new HelloParameters(Tasks: 4, DelayMs: 100), [id]));

        // Every strategy is priced by its shape; none costs more than running the tasks one after another.
        var wall = Assert.Single(estimate.Strategies);
        Assert.Equal(id, wall.Key);
        Assert.InRange(estimate.Seconds, 0.1, 4 * (0.1 + WorkloadCost.TaskOverheadSeconds) + 1e-9);
        Assert.NotEqual("", wall.Shape);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Strategy_Explain_NamesItWhenItWins(string id)
    {
        var strategy = StrategyCatalog.Get(id);
        var results = new List<StrategyResult> { TestRuns.Result(StrategyCatalog.Baseline.Id, wall: 4, cpu: 0.02, lanes: 1, ok: 4) };
        if (!strategy.IsBaseline)
        {
            results.Add(TestRuns.Result(id, wall: 0.5, cpu: 0.02, lanes: 4, ok: 4));
        }

        var parameters = new HelloParameters(Tasks: 4, DelayMs: 1_000);
        var input = ExplainInput.Of(new RunPlan(parameters, [.. results.Select(r => r.Strategy)]), null, results);
        var text = string.Join(" ", RunExplainer.Sentences(input));

        Assert.Contains(strategy.Name, text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Strategy_LimitsTraceAndStoredTimeline_PlaceItByItsDescriptor(string id)
    {
        var strategy = StrategyCatalog.Get(id);
        var result = TestRuns.Result(id, wall: 0.5, cpu: 0.02, lanes: 2, ok: 4);
        var run = TestRuns.Summary(1, TestRuns.Plan(new HelloParameters(Tasks: 4, DelayMs: 100), id), RunState.Completed, results: [result]);

        var limits = RunLimits.For(run.Plan, null, Engine.Statistics.RunStatistics.Compute([result]));
        var trace = Encoding.UTF8.GetString(ChromeTrace.ToUtf8Bytes(run));

        Assert.Equal(strategy.Lanes is not null, limits.Any(l => l.Strategy == id));
        var track = strategy.Placement != StrategyPlacement.InProcess ? "worker" : strategy.IsBaseline ? "main" : "thread";
        Assert.Contains($"\"{id} · {track} ", trace, StringComparison.Ordinal);
        Assert.Equal(strategy.Placement == StrategyPlacement.InProcess, StoredTimeline.MainProcessId(run) is not null);
        Assert.Contains(StoredTimeline.Events(run), e => e.Strategy == id);
    }

    [Fact]
    public void Knobs_RunPage_EachFieldSetsItsKnobInThePlanAndTheHints()
    {
        var cut = _ctx.Render<Home>();
        foreach (var knob in StrategyKnobs.All)
        {
            cut.Find($"input[data-test=field-{knob.Option}]").Change("3");
        }

        // MudBlazor's numeric fields set their values asynchronously: under load the last change may
        // land after Change returns (CI I read processCount as null), so wait for the form to hold them.
        cut.WaitForAssertion(
            () => Assert.All(StrategyKnobs.All, knob => Assert.Equal(3, knob.Get(cut.Instance.Form.ToPlan().EffectiveOptions))),
            TimeSpan.FromSeconds(30));
        cut.WaitForAssertion(
            () => Assert.Contains("3 worker threads", cut.Find("[data-test=hint-threadpool]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_RunPage_RendersItsCardAndEveryField(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        var cut = _ctx.Render<Home>();

        var card = cut.Find($"[data-test=workload-{id}]");
        card.Click();

        Assert.Contains(workload.Title, cut.Find($"[data-test=workload-{id}]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(WorkloadVisuals.IconNamed(workload.Icon));
        Assert.NotEqual("", WorkloadVisuals.Reference(workload));
        foreach (var field in workload.Fields)
        {
            Assert.NotEmpty(cut.FindAll($"[data-test=field-{field.FormKey}], [data-test=field-{field.FormKey}] input"));
        }

        Assert.Equal(workload.WritesOutputs, cut.FindAll("[data-test=output]").Count > 0);
        Assert.Equal(workload.CallsTargets, cut.FindAll("[data-test=target-note]").Count > 0);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_Api_AcceptsItsCountAndEveryOption(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        var options = workload.Fields.Where(f => !f.IsCount).ToDictionary(f => f.Name, f => (object)(f switch
        {
            IntField number => number.Min,
            ChoiceField choice => choice.Choices[^1].Value,
            _ => "Ada",
        }));

        var parsed = Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["workload"] = id, ["tasks"] = 2, ["options"] = options }));

        Assert.Empty(parsed.Errors);
        Assert.Equal(id, parsed.Plan!.Parameters.Workload);
        Assert.Equal(2, parsed.Plan.Parameters.TaskCount);
        foreach (var field in workload.Fields.Where(f => !f.IsCount))
        {
            object? value = field switch
            {
                IntField number => number.Get(parsed.Plan.Parameters),
                ChoiceField choice => choice.Get(parsed.Plan.Parameters),
                TextField text => text.Get(parsed.Plan.Parameters),
                _ => null,
            };
            Assert.Equal(options[field.Name], value);
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public async Task Workload_Bench_ListsItAndTakesItsFlags(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        var help = await HelpAsync();
        var args = new List<string> { "--workload", id, "--tasks", "2" };
        foreach (var field in workload.Fields.Where(f => !f.IsCount))
        {
            Assert.Contains(field.Flag, help, StringComparison.Ordinal);
            args.AddRange([field.Flag, field switch
            {
                IntField number => number.Min.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ChoiceField choice => choice.Choices[^1].Value,
                _ => "Ada",
            }]);
        }

        var options = BenchArgumentParser.Parse(args);

        Assert.Contains($"{id} {workload.CountField.Name}", help, StringComparison.Ordinal);
        Assert.Equal(id, options.Workload);
        Assert.Equal(2, options.Parameters.TaskCount);
        Assert.Equal(workload.CallsTargets, options.UsesTargets);
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_Budget_PricesEveryPresetInBothRuntimes(string id)
    {
        var budget = TestBudgets.Create();
        foreach (var preset in WorkloadCatalog.Get(id).Presets)
        {
            var estimate = budget.Estimate(new RunPlan(preset.Parameters, [StrategyCatalog.Baseline.Id], Runtime: LabRuntime.Both));

            Assert.All(estimate.Strategies, s => Assert.True(s.Seconds > 0, $"{id} {preset.Preset} {s.Key}"));
            Assert.Equal(2, estimate.Strategies.Count);
            Assert.NotEqual("", estimate.Basis);
        }
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Workload_Explain_SaysWhatTheRunWas(string id)
    {
        var workload = WorkloadCatalog.Get(id);
        var parameters = workload.Defaults;
        var tasks = parameters.TaskCount;
        var results = new List<StrategyResult>
        {
            TestRuns.Result(StrategyCatalog.Baseline.Id, wall: 4, cpu: workload.Kind == WorkloadKind.CpuBound ? 3.9 : 0.1, lanes: 1, ok: tasks),
        };
        var input = new ExplainInput(workload.Kind, parameters, new StrategyOptions(), 2, RunFigures.Summarize(results));

        var text = string.Join(" ", RunExplainer.Sentences(input));

        Assert.Contains(workload.Kind == WorkloadKind.CpuBound ? "CPU-bound" : "I/O-bound", text, StringComparison.Ordinal);
        Assert.Equal(workload.Describe(parameters), WorkloadVisuals.Describe(parameters));
    }

    private static ParsedRunRequest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return RunRequestParser.Parse(document.RootElement.Clone());
    }

    private static async Task<string> HelpAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        await BenchCommand.RunAsync(["--help"], output, error, CancellationToken.None);
        return string.Join(" ", output.ToString().Split('\n', StringSplitOptions.TrimEntries));
    }

    /// <summary>The hint's words without the glossary's "?" links (<c>TermHelp</c>) placed beside some of them.</summary>
    private static string HintText(AngleSharp.Dom.IElement hint)
    {
        var copy = (AngleSharp.Dom.IElement)hint.Clone();
        foreach (var help in copy.QuerySelectorAll("a.term-help").ToList())
        {
            help.Remove();
        }

        return copy.TextContent.Trim();
    }
}
