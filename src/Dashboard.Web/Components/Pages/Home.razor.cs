using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Routes;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Components.Pages;

/// <summary>The Run page: pick a workload, its parameters and the strategies, then enqueue the run.</summary>
public sealed partial class Home
{
    private string? _queueMessage;
    private IReadOnlyList<RunSummary> _recent = [];
    private string? _memoryProblem;
    private string _diskFileSystem = FileSystems.Unknown;
    private PresetPreview? _preview;

    [Inject]
    private Security.DashboardAccess Access { get; set; } = default!;

    [Inject]
    private IRunQueue Queue { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private SimulationKnobs Knobs { get; set; } = default!;

    [Inject]
    private RunBudget Budget { get; set; } = default!;

    [Inject]
    private RuntimeAvailability Runtimes { get; set; } = default!;

    [Inject]
    private IOptions<RealTargetsOptions> RealTargets { get; set; } = default!;

    [Inject]
    private RunOutputLocations Outputs { get; set; } = default!;

    [Inject]
    private ILogger<Home> Logger { get; set; } = default!;

    [Inject]
    private CpuCalibrationCache Calibrations { get; set; } = default!;

    [Inject]
    private Security.CircuitClient Client { get; set; } = default!;

    /// <summary>The form's state; internal so component tests can read what a click did.</summary>
    internal RunForm Form { get; } = new();

    /// <summary>The sizes as typed, for the hints: a value below 1 (about to be refused) shows the default instead.</summary>
    private StrategyOptions Options => StrategyKnobs.All.Aggregate(
        new StrategyOptions(), (options, knob) => knob.With(options, knob.Get(Form.Sizes) is > 0 and var size ? size : null));

    protected override void OnInitialized()
    {
        _recent = Queue.List().Take(8).ToList();

        // Read once per visit: the mounts do not change while a person fills in the form.
        _memoryProblem = Outputs.MemoryProblem;
        _diskFileSystem = FileSystems.TypeOf(Outputs.DiskParent);
    }

    /// <summary>Where the chosen outputs go and what that costs, in a few words.</summary>
    private string OutputNote() => Form.Output == LabOutput.Memory
        ? $"a tmpfs folder in RAM, up to {Outputs.MemoryCapBytes / (1024 * 1024):N0} MB for all memory runs; the kernel creates files there cheaply"
        : $"under the data folder, on {_diskFileSystem}, as the tutorial writes them; creating many files there costs the kernel time";

    /// <summary>What the simulated target will do for this workload's calls (their latency sets the I/O lessons).</summary>
    private string? TargetNote()
    {
        var knobs = Knobs.Current;
        var extras = (knobs.JitterMs > 0 ? $" + up to {knobs.JitterMs:N0} ms jitter" : "")
            + (knobs.FailureRate > 0 ? $", {knobs.FailureRate:P0} failures" : "")
            + (knobs.RateLimitPerSecond > 0 ? $", {knobs.RateLimitPerSecond:N0} requests/s limit" : "");
        return Form.Descriptor.Target switch
        {
            TargetEndpoint.Genres => $"The simulated genre API answers in {knobs.GenreLatencyMs:N0} ms{extras}.",
            TargetEndpoint.Pages => $"Simulated pages answer in {knobs.PageLatencyMs:N0} ms with ~{knobs.PageSizeKb:N0} KB of HTML{extras}.",
            _ => null,
        };
    }

    /// <summary>
    /// The plan's estimate as typed now (knobs as they are now), or null while the plan has other
    /// errors. Display only: <see cref="IRunQueue.Enqueue"/> is what enforces the budget.
    /// </summary>
    private RunEstimate? Estimate()
    {
        var plan = Form.ToPlan();
        return plan.Validate().Count == 0 ? Budget.Estimate(plan) : null;
    }

    /// <summary>What the sweep will run, as typed now: which strategies at which sizes, or what a sweep does.</summary>
    private string SweepNote()
    {
        var sized = StrategyCatalog.Sized.Where(d => Form.IsSelected(d.Id)).Select(d => d.Name).ToList();
        var all = StrategyCatalog.Sized.Select(d => d.Name).ToList();
        if (!StrategySizes.TryParseList(Form.SweepText, out var sizes, out _) || sizes.Count == 0)
        {
            return $"Runs {ListText.Join(all, "and")} once per size ({string.Join(", ", StrategyCatalog.Sized.Select(d => d.Size!.Unit).Distinct())}), " +
                "then fits Amdahl's law to the speedups.";
        }

        return sized.Count == 0
            ? $"Tick {ListText.Join(all, "or")}: the sweep varies their size."
            : $"{string.Join(", ", sized)} at {string.Join(", ", sizes.Order())}: {sized.Count * sizes.Count} strategy runs per repetition, " +
              "one speedup curve each with its Amdahl fit.";
    }

    /// <summary>The budget message to show: the queue's refusal after a click, else the live estimate's.</summary>
    private static string? BudgetError(RunForm form, RunEstimate? estimate) =>
        form.ErrorFor(RunForm.BudgetField) ?? (estimate is { IsOverBudget: true } ? estimate.Refusal : null);

    /// <summary>Every error except the budget's, which has its own alert.</summary>
    private IEnumerable<string> OtherErrors() =>
        Form.Errors.Where(e => e.Key != RunForm.BudgetField).SelectMany(e => e.Value);

    private static Dictionary<string, object> Test(string id) => new() { ["data-test"] = id };

    private static string Title(string preset) =>
        string.Concat(char.ToUpperInvariant(preset[0]).ToString(), preset.AsSpan(1));

    private void SelectWorkload(string id)
    {
        if (id != Form.Workload)
        {
            Form.SelectWorkload(id);
            Form.ApplyPreset(WorkloadPresets.Tutorial, Machine());
            _preview = null;
            _queueMessage = null;
        }
    }

    private void OnCardKey(KeyboardEventArgs e, string id)
    {
        if (e.Key is "Enter" or " ")
        {
            SelectWorkload(id);
        }
    }

    /// <summary>A preset button shows what it would set first; Apply sets it.</summary>
    private void PreviewPreset(string preset) => _preview = PresetPreview.Build(Form, preset, Machine());

    private void ApplyPreset()
    {
        if (_preview is { } preview)
        {
            Form.ApplyPreset(preview.Preset, Machine());
            _preview = null;
            _queueMessage = null;
        }
    }

    /// <summary>What presets are fitted to: the arithmetic as picked (or the one this host resolves), the runtime, the cached calibration (never measured here).</summary>
    private PresetMachine Machine()
    {
        var engine = Form.Descriptor.Arithmetic(Form.Parameters()) ?? PowerEngines.Resolve(null);
        return new PresetMachine(engine, Form.Runtime, Calibrations.Cached(engine));
    }

    private void Set(Action assign, string field)
    {
        assign();
        Form.Edited(field);
    }

    private void SetKnob(StrategyKnob knob, int? value)
    {
        Form.Sizes = knob.With(Form.Sizes, value);
        Form.Edited(knob.Field);
    }

    /// <summary>What the strategy does in the runtime the form asks for: its Python twin's line for Python, both for both.</summary>
    private string Hint(StrategyDescriptor strategy) => (Form.Runtime, strategy.Twin) switch
    {
        (LabRuntime.Python, { } twin) => twin.Hint(Options),
        (LabRuntime.Both, { } twin) => $"{strategy.Hint(Options)} Python: {twin.Hint(Options)}",
        _ => strategy.Hint(Options),
    };

    /// <summary>
    /// Whether start-up counts in the strategy's measured wall time, and why: its descriptor's rule for
    /// the form's runtime (a strategy without a Python twin runs in .NET whatever the runtime).
    /// </summary>
    private string Startup(StrategyDescriptor strategy)
    {
        var dotnet = StrategyCatalog.StartupOf(strategy.Id).Sentence;
        var python = strategy.Twin is null ? null : StrategyCatalog.StartupOf(PythonTwins.Key(strategy.Id)).Sentence;
        return (Form.Runtime, python) switch
        {
            (LabRuntime.Python, { } twin) => twin,
            (LabRuntime.Both, { } twin) when twin != dotnet => $".NET: {dotnet} Python: {twin}",
            _ => dotnet,
        };
    }

    private void SetStrategy(string strategy, bool selected) => Form.SetStrategy(strategy, selected);

    private static readonly (LabRuntime Runtime, string Label)[] RuntimeChoices =
        [(LabRuntime.Dotnet, ".NET"), (LabRuntime.Python, "Python"), (LabRuntime.Both, "Both")];

    /// <summary>The configured real target of the form's workload (shown as a choice only then); null otherwise.</summary>
    private string? RealTargetHost() =>
        RealTargets.Value.BaseFor(Form.Parameters()) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    /// <summary>Switches runtime: a preset in force is fitted again (its sizes follow the runtime), and an open preview is rebuilt for it.</summary>
    private void SetRuntime(LabRuntime runtime)
    {
        Form.SetRuntime(runtime, Machine);
        if (_preview is { } preview)
        {
            _preview = PresetPreview.Build(Form, preview.Preset, Machine());
        }
    }

    /// <summary>What stops the Python twins here (Python or a library missing), when the form asks for them.</summary>
    private string? PythonProblem() => Form.Runtime == LabRuntime.Dotnet ? null : Runtimes.PythonProblem;

    /// <summary>"All" ticks the default strategies (the opt-in ones stay as they are); "None" unticks every one.</summary>
    private void SetAllStrategies(bool selected)
    {
        foreach (var strategy in selected ? StrategyCatalog.DefaultIds : StrategyCatalog.Ids)
        {
            Form.SetStrategy(strategy, selected);
        }
    }

    private async Task Run()
    {
        _queueMessage = null;
        if (!await Access.IsOwnerAsync())
        {
            _queueMessage = Security.DashboardAuth.ViewerRefusal;
            return;
        }

        if (!Form.Validate(out var plan))
        {
            // Nothing is enqueued: the messages sit next to their fields.
            return;
        }

        // The same per-client limit as POST /api/runs.
        if (Client.TryTake(Security.ClientRateLimits.Runs) is { } limited)
        {
            _queueMessage = limited;
            return;
        }

        try
        {
            var run = Queue.Enqueue(plan);
            Logger.LogInformation("Run {RunId} enqueued from the Run page: {Workload}, {Strategies}",
                run.Id, plan.Parameters.Workload, plan.Strategies);
            Navigation.NavigateTo(AppRoutes.Run(run.Id));
        }
        catch (InvalidParametersException ex)
        {
            Form.SetErrors(ex.Errors);
        }
        catch (RunQueueFullException ex)
        {
            _queueMessage = ex.Message;
        }
    }
}
