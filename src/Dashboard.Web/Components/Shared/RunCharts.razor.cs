using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>Three charts side by side: wall time, speedup vs sequential, task duration spread.</summary>
public sealed partial class RunCharts
{
    private string[] _labels = [];
    private List<ChartSeries<double>> _wall = [];
    private List<ChartSeries<double>> _speedup = [];
    private List<ChartSeries<double>> _durations = [];
    private bool _hasSequential;

    private BarChartOptions _wallOptions = new();
    private BarChartOptions _speedupOptions = new();
    private BarChartOptions _durationOptions = new();
    private string _wallUnit = "s";
    private string _durationUnit = "s";

    [Parameter, EditorRequired]
    public IReadOnlyList<StrategyFigures> Figures { get; set; } = [];

    /// <summary>Each strategy's limit (<see cref="RunLimits"/>): drawn as a "limit" series beside the medians.</summary>
    [Parameter]
    public IReadOnlyList<StrategyLimit> Limits { get; set; } = [];

    /// <summary>The limit series' colour on every wall-time chart (run page and Compare), apart from the runs' palette.</summary>
    public const string LimitColour = "#9e9e9e";

    private bool _hasLimits;

    protected override void OnParametersSet()
    {
        var shown = Figures.Where(f => !f.Cancelled && f.TasksOk > 0).ToList();
        _labels = shown.Select(f => StrategyText.Name(f.Strategy)).ToArray();
        _hasSequential = shown.Any(f => f.Strategy == StrategyCatalog.Baseline.Id);

        var walls = shown.Select(f => f.MedianWallSeconds).ToList();
        var (wallScale, wallUnit) = TimeUnit(walls);
        _wallUnit = wallUnit;
        _wall = [Series($"median wall ({wallUnit})", walls.Select(v => v * wallScale))];
        var limits = shown.Select(f => Limits.FirstOrDefault(l => l.Strategy == f.Strategy)?.LimitSeconds ?? 0).ToList();
        _hasLimits = limits.Any(l => l > 0);
        if (_hasLimits)
        {
            _wall.Add(Series($"limit ({wallUnit})", limits.Select(v => v * wallScale)));
        }

        _wallOptions = Options(["#5c6bc0", LimitColour], walls.Concat(limits).Select(v => v * wallScale), wallUnit, showLegend: _hasLimits);

        var speedups = shown.Select(f => f.Speedup ?? 0).ToList();
        _speedup = [Series("speedup vs sequential", speedups)];
        _speedupOptions = Options(["#26a69a"], speedups, "x", showLegend: false);

        var sorted = shown.Select(f => f.TaskSeconds.Order().ToArray()).ToList();
        var (scale, unit) = TimeUnit(sorted.SelectMany(d => d.Length == 0 ? [] : new[] { d[^1] }).ToList());
        _durationUnit = unit;
        _durations =
        [
            Series("fastest", sorted.Select(d => d.Length == 0 ? 0 : d[0] * scale)),
            Series("median", sorted.Select(d => d.Length == 0 ? 0 : Quantiles.Quantile(d, 0.5) * scale)),
            Series("p90", sorted.Select(d => d.Length == 0 ? 0 : Quantiles.Quantile(d, 0.9) * scale)),
            Series("slowest", sorted.Select(d => d.Length == 0 ? 0 : d[^1] * scale)),
        ];
        _durationOptions = Options(["#90caf9", "#5c6bc0", "#ffb74d", "#e57373"],
            _durations.SelectMany(series => series.Data.Values), unit, showLegend: true);
    }

    /// <summary>Seconds, or milliseconds when every value is under 2 s (the axis ticks are whole numbers).</summary>
    private static (double Scale, string Unit) TimeUnit(IReadOnlyCollection<double> seconds) =>
        seconds.Count > 0 && seconds.Max() >= 2 ? (1, "s") : (1000, "ms");

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = values.Select(v => Math.Round(v, 3)).ToArray() };

    private static BarChartOptions Options(string[] palette, IEnumerable<double> values, string unit, bool showLegend)
    {
        var max = values.DefaultIfEmpty(0).Max();
        return new BarChartOptions
        {
            ShowLegend = showLegend,
            ShowValues = !showLegend,
            ChartPalette = palette,
            YAxisFormat = max >= 20 ? "0" : "0.##",
            YAxisTicks = ChartTicks.NiceStep(max),
            MaxNumYAxisTicks = 8,
            YAxisTitle = unit,
            XAxisLabelRotation = 30,
            BarWidthRatio = showLegend ? 0.7 : 0.5,
        };
    }
}
