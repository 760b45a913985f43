using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Speedup against size for each swept strategy (<see cref="ScalingSweep"/>): the measured points,
/// the ideal line and the Amdahl fit, each chart with its data table (<see cref="AccessibleChart"/>).
/// </summary>
public sealed partial class ScalingChart
{
    /// <summary>The measured points' colour, the fit's, the ideal line's.</summary>
    private static readonly string[] Palette = ["#26a69a", "#ef6c00", "#9e9e9e"];

    private List<SweepChart> _charts = [];

    /// <summary>The run's sweep, one curve per swept strategy.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ScalingCurve> Curves { get; set; } = [];

    /// <summary>
    /// False for workloads that wait (genre, scrape, hello): they are not Amdahl-shaped, so the
    /// fitted curve is left out (the Explain panel says why).
    /// </summary>
    [Parameter]
    public bool DrawFit { get; set; } = true;

    protected override void OnParametersSet()
    {
        _charts = [.. Curves.Where(c => c.Baseline is not null && c.Points.Any(p => p.Speedup is not null)).Select(ToChart)];
    }

    private SweepChart ToChart(ScalingCurve curve)
    {
        var unit = StrategyCatalog.Get(curve.Strategy).Size!.Unit;
        var name = StrategyText.Name(curve.Strategy);
        var points = curve.Points.Where(p => p.Speedup is not null).ToList();
        var series = new List<ChartSeries<double>>
        {
            Series("measured", points.Select(p => p.Speedup!.Ratio)),
        };
        if (DrawFit && curve.Fit is { } fit)
        {
            series.Add(Series(string.Create(CultureInfo.InvariantCulture, $"Amdahl fit (f = {fit.SerialFraction:0.000})"),
                points.Select(p => fit.SpeedupAt(p.Size))));
        }

        series.Add(Series("ideal (= size)", points.Select(p => (double)p.Size)));
        var caption = $"times faster than {(curve.Baseline == ScalingSweep.SizeOneBaseline ? $"{name} at size 1" : "sequential")}, higher is better" +
            (DrawFit && curve.Fit is { } f
                ? string.Create(CultureInfo.InvariantCulture,
                    $"; fit: serial fraction {f.SerialFraction:0.000}, limit {(f.SpeedupLimit is { } limit ? $"×{limit.ToString("0.0", CultureInfo.InvariantCulture)}" : "none")}, r² {f.R2:0.00}")
                : "");
        var max = series.SelectMany(s => s.Data.Values).DefaultIfEmpty(1).Max();
        return new SweepChart(
            curve.Strategy,
            $"{char.ToUpperInvariant(name[0])}{name[1..]}: speedup vs {unit}",
            caption,
            char.ToUpperInvariant(unit[0]) + unit[1..],
            [.. points.Select(p => p.Size.ToString(CultureInfo.InvariantCulture))],
            series,
            new LineChartOptions
            {
                ChartPalette = Palette,
                ShowLegend = true,
                ShowDataMarkers = true,
                InterpolationOption = InterpolationOption.Straight,
                YAxisTitle = "x",
                YAxisFormat = max >= 20 ? "0" : "0.#",

                // Whole-number ticks (MudBlazor's are integers), about five up to the largest value.
                YAxisTicks = Math.Max(1, (int)Math.Ceiling(max / 5)),
                MaxNumYAxisTicks = 8,
                YAxisRequireZeroPoint = true,
            });
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) =>
        new() { Name = name, Data = values.Select(v => Math.Round(v, 3)).ToArray() };

    private sealed record SweepChart(
        string Strategy,
        string Title,
        string Caption,
        string RowHeader,
        string[] Labels,
        List<ChartSeries<double>> Series,
        LineChartOptions Options);
}
