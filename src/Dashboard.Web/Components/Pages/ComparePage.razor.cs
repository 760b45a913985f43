using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Compare;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Routes;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages;

/// <summary>
/// 2 to 4 runs side by side: one chart per figure with a series per run (same axes), the runs'
/// environments, and per strategy the ratio of each run's median to the baseline's with Welch's test.
/// </summary>
public sealed partial class ComparePage : IDisposable
{
    /// <summary>Runs offered by the picker: the newest finished ones.</summary>
    public const int PickerSize = 100;

    /// <summary>One colour per run, in order; readable on light and dark backgrounds.</summary>
    internal static readonly string[] Palette = ["#5c6bc0", "#26a69a", "#ffa726", "#ec407a"];

    private readonly CancellationTokenSource _disposed = new();
    private CompareIds _ids = CompareIds.Parse(null);
    private string? _error;
    private List<(RunView View, IReadOnlyList<StrategyStatistics> Statistics)> _runs = [];
    private IReadOnlyList<CompareRow> _rows = [];
    private IReadOnlyList<string> _differences = [];
    private IReadOnlyList<RunListItem> _choices = [];
    private IReadOnlyCollection<long> _picked = [];
    private bool _mixedWorkloads;
    private string[] _labels = [];
    private List<ChartSeries<double>> _wallSeries = [];
    private List<ChartSeries<double>> _speedupSeries = [];
    private BarChartOptions _wallOptions = new();
    private BarChartOptions _speedupOptions = new();
    private string _wallUnit = "s";
    private string? _loadedIds;

    /// <summary>Comma-separated run ids, the baseline first.</summary>
    [SupplyParameterFromQuery(Name = "ids")]
    public string? Ids { get; set; }

    [Inject]
    private RunHistory History { get; set; } = default!;

    [Inject]
    private IRunQueue Queue { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Nothing or one run asked for (e.g. from a run page's Compare link): a prompt, not a mistake.</summary>
    private bool NeedsMoreRuns => string.IsNullOrWhiteSpace(Ids) || (_ids.Ids.Count == 1 && _error == _ids.Error);

    /// <summary>The ratio table; internal for component tests.</summary>
    internal IReadOnlyList<CompareRow> Rows => _rows;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedIds == Ids && _choices.Count > 0)
        {
            return;
        }

        _loadedIds = Ids;
        _ids = CompareIds.Parse(Ids);
        _runs = [];
        _rows = [];
        _error = _ids.Error;
        if (_ids.IsValid)
        {
            await LoadRunsAsync();
        }

        var choices = await History.ListAsync(RunFilter.All, 0, PickerSize, _disposed.Token);
        _choices = choices.Items.Where(r => RunLifecycle.IsFinal(r.State)).ToArray();

        // The picker starts from the ids given, minus those it cannot offer (unknown, unfinished).
        _picked = _ids.Ids.Where(id => _choices.Any(c => c.Id == id)).ToArray();
    }

    private async Task LoadRunsAsync()
    {
        var unknown = new List<long>();
        var unfinished = new List<long>();
        var runs = new List<(RunView, IReadOnlyList<StrategyStatistics>)>();
        foreach (var id in _ids.Ids)
        {
            var view = await History.FindAsync(id, _disposed.Token);
            if (view is { Run.IsFinished: false } && Queue.Find(id) is { IsFinished: true } justFinished)
            {
                // Finished a moment ago, its completion not stored yet: the queue's copy is the final one.
                var spans = justFinished.Results.Sum(r => r.Spans.Count);
                view = new RunView(justFinished, view.Environment, false, spans, spans, false, Live: true);
            }

            if (view is null)
            {
                unknown.Add(id);
            }
            else if (!view.Run.IsFinished)
            {
                unfinished.Add(id);
            }
            else
            {
                runs.Add((view, RunStatistics.Compute(view.Run.Results)));
            }
        }

        if (unknown.Count > 0 || unfinished.Count > 0)
        {
            var parts = new List<string>();
            if (unknown.Count > 0)
            {
                parts.Add(unknown.Count == 1
                    ? $"There is no run {Join(unknown)} (deleted, or never existed)."
                    : $"There are no runs {Join(unknown)} (deleted, or never existed).");
            }

            if (unfinished.Count > 0)
            {
                parts.Add($"Run {Join(unfinished)} has not finished yet: compare it when it has ended.");
            }

            _error = string.Join(" ", parts);
            return;
        }

        _runs = runs;
        _differences = CompareSettings.Differences([.. runs.Select(r => r.Item1)]);
        _mixedWorkloads = runs.Select(r => r.Item1.Run.Plan.Parameters.Workload).Distinct(StringComparer.Ordinal).Count() > 1;
        _rows = RunComparisonTable.Build(runs.Select(r => (r.Item1.Run.Id, r.Item2)).ToArray());
        BuildCharts();
    }

    private void BuildCharts()
    {
        var strategies = RunComparisonTable.Strategies(_runs.Select(r => r.Statistics.Where(s => s.Wall is not null).Select(s => s.Strategy)));
        _labels = strategies.Select(StrategyText.Name).ToArray();
        var medians = _runs.Select(r => strategies.Select(s => r.Statistics.FirstOrDefault(x => x.Strategy == s)?.Wall?.Median ?? 0).ToArray()).ToArray();
        var max = medians.SelectMany(m => m).DefaultIfEmpty(0).Max();
        var (scale, unit) = max >= 2 ? (1.0, "s") : (1000.0, "ms");
        _wallUnit = unit;
        _wallSeries = _runs.Select((r, i) => Series(RunName(r.View), medians[i].Select(v => v * scale))).ToList();
        _wallOptions = Options(max * scale, unit);

        // The baseline's limits, one more series beside the runs' medians.
        var baseline = _runs[0];
        var limits = RunLimits.For(baseline.View.Run.Plan, baseline.View.Environment, baseline.Statistics);
        var limitValues = strategies.Select(s => limits.FirstOrDefault(l => l.Strategy == s)?.LimitSeconds ?? 0).ToArray();
        if (limitValues.Any(v => v > 0))
        {
            _wallSeries.Add(Series($"limit ({RunName(baseline.View)})", limitValues.Select(v => v * scale)));
            _wallOptions.ChartPalette = [.. _wallOptions.ChartPalette, RunCharts.LimitColour];
        }

        var speedups = _runs.Select(r => strategies.Select(s => r.Statistics.FirstOrDefault(x => x.Strategy == s) switch
        {
            { Wall: not null } baseline when baseline.Strategy == StrategyCatalog.Baseline.Id => 1.0,
            { Speedup: { } speedup } => speedup.Ratio,
            _ => 0,
        }).ToArray()).ToArray();
        _speedupSeries = _runs.Select((r, i) => Series(RunName(r.View), speedups[i])).ToList();
        _speedupOptions = Options(speedups.SelectMany(s => s).DefaultIfEmpty(0).Max(), "x");
    }


    private static string RunName(RunView view) => view.Run.Label is { Length: > 0 } label
        ? string.Create(CultureInfo.InvariantCulture, $"run {view.Run.Id} · {(label.Length > 24 ? label[..24] + "…" : label)}")
        : string.Create(CultureInfo.InvariantCulture, $"run {view.Run.Id}");

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = values.Select(v => Math.Round(v, 3)).ToArray() };

    private BarChartOptions Options(double max, string unit) => new()
    {
        ShowLegend = true,
        ChartPalette = Palette.Take(Math.Max(1, _runs.Count)).ToArray(),
        YAxisFormat = max >= 20 ? "0" : "0.##",
        YAxisTicks = ChartTicks.NiceStep(max),
        MaxNumYAxisTicks = 8,
        YAxisTitle = unit,
        XAxisLabelRotation = 30,
        BarWidthRatio = 0.8,
    };

    private static string Join(IEnumerable<long> ids) => string.Join(", ", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    private static string RatioText(RunRatio ratio) => ratio.Ratio is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"{r:0.00}×")
        : "—";

    /// <summary>"p = 0.0312"; below four decimals "p &lt; 0.0001" (never "p = 0": no test proves that).</summary>
    private static string PText(double p) => p < 0.0001
        ? "p < 0.0001"
        : string.Create(CultureInfo.InvariantCulture, $"p = {p:0.####}");

    private static string VerdictClass(RunRatio ratio) => ratio.Verdict switch
    {
        RunComparisonTable.Significant => "verdict verdict-significant",
        RunComparisonTable.NotSignificant => "verdict verdict-same",
        _ => "verdict mud-text-secondary",
    };

    private static string ChoiceText(RunListItem run) => string.Create(CultureInfo.InvariantCulture,
        $"#{run.Id} · {WorkloadCatalog.All.FirstOrDefault(w => w.Id == run.Workload)?.Title ?? run.Workload} · {Fmt.Plural(run.TaskCount, "task", "tasks")} · {RunLifecycle.ToLabel(run.State)}{(run.Label is { Length: > 0 } l ? " · " + l : "")}");

    private string PickedText(IReadOnlyList<string> values) => _picked.Count == 0
        ? ""
        : string.Join(", ", _picked.Select(id => "#" + id.ToString(CultureInfo.InvariantCulture)));

    private void PickedChanged(IEnumerable<long> values) => _picked = values.ToArray();

    private void ComparePicked() =>
        Navigation.NavigateTo(AppRoutes.Compare(_picked));

    public void Dispose() => _disposed.Cancel();
}
