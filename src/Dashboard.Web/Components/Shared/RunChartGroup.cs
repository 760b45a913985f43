using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Explain;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The series and axes of one runtime's three charts (wall time, speedup vs its own sequential, task
/// durations). A run of both runtimes gets one group per runtime, each on its own axes: Python's
/// seconds would flatten .NET's milliseconds on a shared linear axis.
/// </summary>
internal sealed class RunChartGroup
{
    /// <summary>The limit series' colour on every wall-time chart (run page and Compare), apart from the runs' palette.</summary>
    public const string LimitColour = "#9e9e9e";

    private RunChartGroup(string runtime, IReadOnlyList<StrategyFigures> figures, IReadOnlyList<StrategyLimit> limits, bool mixed)
    {
        Runtime = runtime;
        Suffix = mixed ? (runtime == PythonTwins.PythonRuntime ? ", Python" : ", .NET") : "";
        TestSuffix = mixed && runtime == PythonTwins.PythonRuntime ? "-python" : "";
        Labels = figures.Select(f => StrategyText.Name(f.Strategy)).ToArray();
        HasSequential = figures.Any(f => ShownSpeedup.IsBaseline(f.Strategy));

        var walls = figures.Select(f => f.MedianWallSeconds).ToList();
        (var wallScale, WallUnit) = TimeUnit(walls);
        Wall = [Series($"median wall ({WallUnit})", walls.Select(v => v * wallScale))];
        var limitValues = figures.Select(f => limits.FirstOrDefault(l => l.Strategy == f.Strategy)?.LimitSeconds ?? 0).ToList();
        HasLimits = limitValues.Any(l => l > 0);
        if (HasLimits)
        {
            Wall.Add(Series($"limit ({WallUnit})", limitValues.Select(v => v * wallScale)));
        }

        WallOptions = Options(["#5c6bc0", LimitColour], walls.Concat(limitValues).Select(v => v * wallScale), WallUnit, showLegend: HasLimits);

        // Sequential against itself is 1 (the summary table and Compare say so too).
        var speedups = figures.Select(f => ShownSpeedup.Of(f) ?? 0).ToList();
        Speedup = [Series("speedup vs sequential", speedups)];
        SpeedupOptions = Options(["#26a69a"], speedups, "x", showLegend: false);

        var sorted = figures.Select(f => f.TaskSeconds.Order().ToArray()).ToList();
        (var scale, DurationUnit) = TimeUnit(sorted.SelectMany(d => d.Length == 0 ? [] : new[] { d[^1] }).ToList());
        Durations =
        [
            Series("fastest", sorted.Select(d => d.Length == 0 ? 0 : d[0] * scale)),
            Series("median", sorted.Select(d => d.Length == 0 ? 0 : Quantiles.Quantile(d, 0.5) * scale)),
            Series("p90", sorted.Select(d => d.Length == 0 ? 0 : Quantiles.Quantile(d, 0.9) * scale)),
            Series("slowest", sorted.Select(d => d.Length == 0 ? 0 : d[^1] * scale)),
        ];
        DurationOptions = Options(["#90caf9", "#5c6bc0", "#ffb74d", "#e57373"], Durations.SelectMany(series => series.Data.Values), DurationUnit, showLegend: true);
    }

    /// <summary>"dotnet" or "python".</summary>
    public string Runtime { get; }

    /// <summary>", .NET" or ", Python" after each chart's title when the run mixed runtimes; empty otherwise.</summary>
    public string Suffix { get; }

    /// <summary>"-python" on the Python group's data-test hooks of a mixed run.</summary>
    public string TestSuffix { get; }

    public string[] Labels { get; }

    public bool HasSequential { get; }

    public bool HasLimits { get; }

    public string WallUnit { get; }

    public string DurationUnit { get; }

    public List<ChartSeries<double>> Wall { get; }

    public List<ChartSeries<double>> Speedup { get; }

    public List<ChartSeries<double>> Durations { get; }

    public BarChartOptions WallOptions { get; }

    public BarChartOptions SpeedupOptions { get; }

    public BarChartOptions DurationOptions { get; }

    /// <summary>The shown strategies (not cancelled, some task ok) in one group per runtime, .NET first.</summary>
    public static IReadOnlyList<RunChartGroup> For(IReadOnlyList<StrategyFigures> figures, IReadOnlyList<StrategyLimit> limits)
    {
        var groups = figures.Where(f => !f.Cancelled && f.TasksOk > 0)
            .GroupBy(f => PythonTwins.RuntimeOf(f.Strategy))
            .OrderBy(g => g.Key == PythonTwins.PythonRuntime ? 1 : 0)
            .ToList();
        return groups.Select(g => new RunChartGroup(g.Key, g.ToList(), limits, groups.Count > 1)).ToList();
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
