using Dashboard.Engine.Statistics;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The end-of-run table: one row per strategy with its medians, speedup and checks, then the
/// Engine's warnings: "too few repetitions" once for the run (it is the same for every strategy),
/// the others per strategy.
/// </summary>
public sealed partial class SummaryTable
{
    private string? _best;
    private string? _repetitionsNote;

    [Parameter, EditorRequired]
    public IReadOnlyList<StrategyFigures> Figures { get; set; } = [];

    protected override void OnParametersSet()
    {
        _best = Figures.Where(f => !f.Cancelled && f.TasksOk > 0).MinBy(f => f.MedianWallSeconds)?.Strategy;
        // Measured strategies only: a strategy cut short has no statistics to repeat for.
        var few = Figures.Where(f => !f.Cancelled && f.Repetitions is > 0 and < SampleStatistics.MinRepetitions)
            .Select(f => f.Repetitions).Distinct().Order().ToList();
        _repetitionsNote = few.Count == 0 ? null
            : $"{(few.Count == 1 && few[0] == 1 ? "One repetition" : $"Only {string.Join(" or ", few)} repetitions")} per strategy: "
              + $"no spread or confidence interval to tell a real difference from noise. Repeat at least {SampleStatistics.MinRepetitions} times to tell.";
    }

    /// <summary>
    /// A strategy's warnings without the Engine's "Only n repetition(s)" one (SampleStatistics
    /// writes it per strategy; the note above says it once).
    /// </summary>
    private static IEnumerable<string> OwnWarnings(StrategyFigures figures) =>
        figures.Warnings.Where(w => !w.StartsWith($"Only {figures.Repetitions} repetition", StringComparison.Ordinal));
}
