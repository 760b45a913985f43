using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The "where the time went" bars of a finished run: per strategy, its <see cref="TimeSplit"/>
/// from the one statistics path (<see cref="RunStatistics.Compute"/>), in dashboard order.
/// </summary>
public sealed partial class TimeSplitBar
{
    private IReadOnlyList<StrategyResult>? _seen;
    private List<TimeSplitRow> _rows = [];
    private List<string> _unmeasured = [];

    /// <summary>The run's strategy repetitions (warmups are left out by the statistics).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<StrategyResult> Results { get; set; } = [];

    /// <summary>The run's statistics when the page has them already (its shared analysis); null: computed here from <see cref="Results"/>.</summary>
    [Parameter]
    public IReadOnlyList<StrategyStatistics>? Statistics { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_seen, Results))
        {
            return;
        }

        _seen = Results;
        var statistics = (Statistics ?? RunStatistics.Compute(Results)).OrderBy(s => StrategyCatalog.Order(s.Strategy)).ToList();
        _rows = [.. statistics.Where(s => s.TimeSplit is { Total: > 0 }).Select(s => new TimeSplitRow(s.Strategy, s.TimeSplit!))];
        _unmeasured = _rows.Count == 0 ? [] : [.. statistics.Where(s => s.TimeSplit is null && s.Wall is not null).Select(s => s.Strategy)];
    }

    private static string Width(double seconds, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"width: {Math.Max(0.4, seconds / total * 100):0.##}%");

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
