using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

/// <summary>A preset says what it will set before it is applied, and never unticks a strategy without saying which and why.</summary>
public sealed class HomePresetPreviewTests : IAsyncLifetime
{
    // MudButton runs its handler asynchronously: each step waits for the previous click's render.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public void PresetButton_ShowsPreviewFirst_ApplyThenSetsTheValues()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-power]").Click();
        cut.WaitForElement("[data-test=workload-power][data-selected=true]", Wait);
        var before = cut.Instance.Form.Parameters();

        cut.Find("button[data-test=preset-quick]").Click();

        var preview = cut.WaitForElement("[data-test=preset-preview]", Wait).TextContent;
        var quick = (PowerParameters)WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Quick, PresetMachine.Default);
        Assert.Contains($"Start (first i): 1,000,000 → {quick.Start:N0}", preview, StringComparison.Ordinal);
        Assert.Contains("sequentially on this machine", cut.Find("[data-test=preset-expectation]").TextContent, StringComparison.Ordinal);
        Assert.Equal(before, cut.Instance.Form.Parameters());

        cut.WaitForElement("button[data-test=preset-apply]", Wait).Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-test=preset-preview]")), Wait);
        Assert.Equal(quick.Start, ((PowerParameters)cut.Instance.Form.Parameters()).Start);
    }

    [Fact]
    public void PresetCancel_LeavesTheFormAsItWas()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-power]").Click();
        cut.WaitForElement("[data-test=workload-power][data-selected=true]", Wait);
        var before = cut.Instance.Form.Parameters();

        cut.Find("button[data-test=preset-stress]").Click();
        cut.WaitForElement("button[data-test=preset-cancel]", Wait).Click();

        // MudButton runs its handler asynchronously: on a busy machine the render comes a little later.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-test=preset-preview]")), TimeSpan.FromSeconds(30));
        Assert.Equal(before, cut.Instance.Form.Parameters());
    }

    [Fact]
    public void StressOnGenre_PreviewNamesEachUntickedStrategyWithItsReason()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("button[data-test=preset-stress]").Click();
        cut.WaitForElement("[data-test=preset-preview]", Wait);

        var unticks = cut.FindAll("[data-test=preset-untick]").Select(e => e.TextContent).ToList();
        var queued = StrategyCatalog.DefaultIds.Count - cut.Instance.Form.PresetStrategies(WorkloadPresets.Stress, new GenreParameters(Tasks: 1_000)).Count;
        Assert.True(queued > 0);
        Assert.Equal(queued, unticks.Count);
        Assert.All(unticks, u => Assert.Contains("waits would queue", u, StringComparison.Ordinal));
        Assert.Contains(unticks, u => u.Contains(StrategyCatalog.Get(StrategyIds.ThreadPool).Name, StringComparison.Ordinal));

        cut.WaitForElement("button[data-test=preset-apply]", Wait).Click();
        cut.WaitForAssertion(() => Assert.DoesNotContain(StrategyIds.ThreadPool, cut.Instance.Form.Strategies), Wait);
    }

    [Fact]
    public void QuickWithAnOptInStrategyTicked_PreviewSaysItWillBeUnticked()
    {
        var cut = _ctx.Render<Home>();
        cut.Instance.Form.SetStrategy(StrategyIds.SyncOverAsync, true);

        cut.Find("button[data-test=preset-quick]").Click();
        cut.WaitForElement("[data-test=preset-preview]", Wait);

        var untick = Assert.Single(cut.FindAll("[data-test=preset-untick]")).TextContent;
        Assert.Contains(StrategyCatalog.Get(StrategyIds.SyncOverAsync).Name, untick, StringComparison.Ordinal);
        Assert.Contains("tick it again", untick, StringComparison.Ordinal);
    }
    [Fact]
    public void QuickApplied_ThenRuntimeSwitched_SizesAndExpectationFollowTheRuntime()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-power]").Click();
        cut.WaitForElement("[data-test=workload-power][data-selected=true]", Wait);
        cut.Find("button[data-test=preset-quick]").Click();
        cut.WaitForElement("button[data-test=preset-apply]", Wait).Click();
        // MudButton runs its handler asynchronously: wait for each click's effect, not for a time.
        cut.WaitForState(() => cut.Instance.Form.Preset == WorkloadPresets.Quick, TimeSpan.FromSeconds(30));
        var dotnet = (PowerParameters)cut.Instance.Form.Parameters();
        var strategies = cut.Instance.Form.Strategies.ToHashSet();

        cut.Find("button[data-test=runtime-python]").Click();

        cut.WaitForState(() => cut.Instance.Form.Runtime == LabRuntime.Python, TimeSpan.FromSeconds(30));
        var python = (PowerParameters)cut.Instance.Form.Parameters();
        var pythonMachine = new PresetMachine(PowerEngines.Resolve(null), LabRuntime.Python, null);
        Assert.Equal(WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Quick, pythonMachine), python);
        Assert.NotEqual(dotnet.Start, python.Start);
        Assert.Equal(WorkloadPresets.Quick, cut.Instance.Form.Preset);
        Assert.Equal(strategies, cut.Instance.Form.Strategies.ToHashSet());
        // MudNumericField turns its new value into text asynchronously: wait for that render.
        cut.WaitForAssertion(() => Assert.Equal(python.Start.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("input[data-test=field-start]").GetAttribute("value")), TimeSpan.FromSeconds(10));
        Assert.Contains(PowerQuickSize.Expectation(python, pythonMachine), cut.Find("[data-test=preset-expectation]").TextContent, StringComparison.Ordinal);

        // Both sizes for Python with the managed engine; back to .NET, the preset's managed choice goes with it.
        cut.Find("button[data-test=runtime-both]").Click();
        cut.WaitForState(() => cut.Instance.Form.Runtime == LabRuntime.Both, TimeSpan.FromSeconds(30));
        Assert.Equal(PowerEngine.Managed, ((PowerParameters)cut.Instance.Form.Parameters()).Engine);
        cut.Find("button[data-test=runtime-dotnet]").Click();
        cut.WaitForState(() => cut.Instance.Form.Runtime == LabRuntime.Dotnet, TimeSpan.FromSeconds(30));
        Assert.Equal(dotnet, cut.Instance.Form.Parameters());
    }

    [Fact]
    public void PreviewOpen_ThenRuntimeSwitched_PreviewShowsTheNewRuntimesSizes()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-power]").Click();
        cut.WaitForElement("[data-test=workload-power][data-selected=true]", Wait);
        cut.Find("button[data-test=preset-quick]").Click();

        cut.Find("button[data-test=runtime-python]").Click();

        var python = (PowerParameters)WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Quick,
            new PresetMachine(PowerEngines.Resolve(null), LabRuntime.Python, null));
        cut.WaitForAssertion(() => Assert.Contains($"Start (first i): 1,000,000 → {python.Start:N0}", cut.Find("[data-test=preset-preview]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30));
        cut.WaitForElement("button[data-test=preset-apply]", Wait).Click();
        cut.WaitForState(() => cut.Instance.Form.Preset == WorkloadPresets.Quick, TimeSpan.FromSeconds(30));
        Assert.Equal(python, cut.Instance.Form.Parameters());
    }

    [Fact]
    public async Task ValueEditedAfterQuick_RuntimeSwitchKeepsWhatWasTyped()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("[data-test=workload-power]").Click();
        cut.WaitForElement("[data-test=workload-power][data-selected=true]", Wait);
        cut.Find("button[data-test=preset-quick]").Click();
        cut.WaitForElement("button[data-test=preset-apply]", Wait).Click();
        var form = cut.Instance.Form;
        cut.WaitForState(() => form.Preset == WorkloadPresets.Quick, TimeSpan.FromSeconds(30));
        var count = form.Descriptor.Fields.OfType<IntField>().Single(f => f.Name == "count");
        await cut.InvokeAsync(() => form.Set(count, 4));
        var typed = form.Parameters();

        cut.Find("button[data-test=runtime-python]").Click();
        cut.WaitForState(() => form.Runtime == LabRuntime.Python, TimeSpan.FromSeconds(30));

        Assert.Equal(typed, form.Parameters());
        Assert.Null(form.Preset);
    }
}
