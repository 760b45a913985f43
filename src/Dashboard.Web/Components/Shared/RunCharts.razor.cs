using Dashboard.Engine.Statistics;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>Three charts side by side (wall time, speedup vs sequential, task duration spread), one row per runtime.</summary>
public sealed partial class RunCharts
{
    private IReadOnlyList<RunChartGroup> _groups = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<StrategyFigures> Figures { get; set; } = [];

    /// <summary>Each strategy's limit (<see cref="RunLimits"/>): drawn as a "limit" series beside the medians.</summary>
    [Parameter]
    public IReadOnlyList<StrategyLimit> Limits { get; set; } = [];

    /// <summary>The limit series' colour on every wall-time chart (run page and Compare), apart from the runs' palette.</summary>
    public const string LimitColour = RunChartGroup.LimitColour;

    protected override void OnParametersSet() => _groups = RunChartGroup.For(Figures, Limits);
}
