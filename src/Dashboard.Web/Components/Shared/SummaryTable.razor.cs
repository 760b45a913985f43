using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>The end-of-run table: one row per strategy with its medians, speedup and checks.</summary>
public sealed partial class SummaryTable
{
    private string? _best;

    [Parameter, EditorRequired]
    public IReadOnlyList<StrategyFigures> Figures { get; set; } = [];

    protected override void OnParametersSet() =>
        _best = Figures.Where(f => !f.Cancelled && f.TasksOk > 0).MinBy(f => f.MedianWallSeconds)?.Strategy;
}
