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

    private readonly BarChartOptions _wallOptions = Options("#5c6bc0", showLegend: false);
    private readonly BarChartOptions _speedupOptions = Options("#26a69a", showLegend: false);
    private readonly BarChartOptions _durationOptions = Options(null, showLegend: true);

    [Parameter, EditorRequired]
    public IReadOnlyList<StrategyFigures> Figures { get; set; } = [];

    protected override void OnParametersSet()
    {
        var shown = Figures.Where(f => f.TasksOk > 0).ToList();
        _labels = shown.Select(f => StrategyText.Name(f.Strategy)).ToArray();
        _hasSequential = shown.Any(f => f.Strategy == StrategyIds.Sequential);
        _wall = [Series("median wall (s)", shown.Select(f => f.MedianWallSeconds))];
        _speedup = [Series("speedup vs sequential", shown.Select(f => f.Speedup ?? 0))];

        var sorted = shown.Select(f => f.TaskSeconds.Order().ToArray()).ToList();
        _durations =
        [
            Series("fastest", sorted.Select(d => d.Length == 0 ? 0 : d[0])),
            Series("median", sorted.Select(d => RunFigures.Quantile(d, 0.5))),
            Series("p90", sorted.Select(d => RunFigures.Quantile(d, 0.9))),
            Series("slowest", sorted.Select(d => d.Length == 0 ? 0 : d[^1])),
        ];
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = values.Select(v => Math.Round(v, 4)).ToArray() };

    private static BarChartOptions Options(string? color, bool showLegend)
    {
        var options = new BarChartOptions
        {
            ShowLegend = showLegend,
            YAxisFormat = "0.##",
            XAxisLabelRotation = 30,
        };
        if (color is not null)
        {
            options.ChartPalette = [color];
        }
        else
        {
            options.ChartPalette = ["#90caf9", "#5c6bc0", "#ffb74d", "#e57373"];
        }

        return options;
    }
}
