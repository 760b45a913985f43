using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// How a strategy's start-up reaches the run's summary: the engine's <see cref="StrategyActivity"/>
/// becomes the status line (<see cref="RunSummary.Activity"/>: "cluster: starting 2 lab nodes… 1 of 2
/// joined") and <see cref="RunSummary.Startup"/> (the words for its race row, the nodes joined so far).
/// </summary>
public static class RunStartup
{
    /// <summary>The summary once <paramref name="activity"/> happened; its null text clears the status line and keeps the nodes.</summary>
    public static RunSummary Apply(RunSummary summary, StrategyActivity activity)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(activity);
        return summary with
        {
            Activity = activity.Text is { Length: > 0 } text ? $"{StrategyCatalog.Name(activity.Strategy)}: {text}" : null,
            Startup = activity,
        };
    }

    /// <summary>The summary once the starting repetition ended: its result reports the nodes now.</summary>
    public static RunSummary Ended(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Startup is null ? summary : summary with { Startup = null, Activity = summary.Startup.Text is null ? summary.Activity : null };
    }

    /// <summary>
    /// True when the engine told how <paramref name="strategy"/>'s repetition <paramref name="repetition"/>
    /// starts: <paramref name="text"/> is its words, null once its start is over (no task event seen yet
    /// must not bring back the descriptor's words).
    /// </summary>
    public static bool Told(RunSummary summary, string strategy, int? repetition, out string? text)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var told = summary.Startup is { } startup && startup.Strategy == strategy && startup.Repetition == repetition;
        text = told ? summary.Startup!.Text : null;
        return told;
    }
}
