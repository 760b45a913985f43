using Dashboard.Engine.Strategies;
using Dashboard.Web.Explain;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The speedup a chart or table shows for a strategy: its measured one, and 1 for the baseline
/// itself (each runtime's sequential), as Compare shows it; null without a baseline.
/// </summary>
public static class ShownSpeedup
{
    /// <summary>True for a runtime's sequential: what that runtime's speedups are measured against.</summary>
    public static bool IsBaseline(string strategy) =>
        strategy == StrategyCatalog.Baseline.Id || strategy == PythonTwins.Key(StrategyCatalog.Baseline.Id);

    public static double? Of(StrategyFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.Speedup ?? (IsBaseline(figures.Strategy) && !figures.Cancelled && figures.TasksOk > 0 ? 1 : null);
    }
}
