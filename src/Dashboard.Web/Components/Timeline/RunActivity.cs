using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// What a running run is doing before tasks run, in words for the status line and the race rows:
/// the run's own step (<see cref="RunSummary.Activity"/>: calibrating the CPU), or a strategy starting
/// its workers, interpreter or nodes (running, no task of the repetition started yet). The words come
/// from the strategy descriptor's start-up rule (<see cref="StrategyStartup.Starting"/>).
/// </summary>
public static class RunActivity
{
    /// <summary>
    /// "starting 2 worker processes…" while <paramref name="progress"/> starts them: the engine's own
    /// words when it tells them (the cluster: "starting 2 lab nodes… 1 of 2 joined"), else the
    /// descriptor's; null otherwise.
    /// </summary>
    public static string? Starting(StrategyProgress progress, RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(run);
        if (progress is not { Phase: StrategyPhase.Running, StartedInRepetition: 0 })
        {
            return null;
        }

        return RunStartup.Told(run, progress.Strategy, progress.Repetition, out var text)
            ? text
            : StrategyCatalog.StartupOf(progress.Strategy).Starting(run.Plan.EffectiveOptions);
    }

    /// <summary>The status line: the run's step, else each strategy starting up ("processes: starting 2 worker processes…"); null when neither.</summary>
    public static string? Line(LiveRunModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var run = model.Run;
        if (run.State != RunState.Running)
        {
            return null;
        }

        if (run.Activity is { Length: > 0 } activity)
        {
            return activity;
        }

        var starting = model.Strategies
            .Select(p => Starting(p, run) is { } text ? $"{StrategyText.Name(p.Strategy)}: {text}" : null)
            .OfType<string>()
            .ToList();
        return starting.Count == 0 ? null : string.Join(" ", starting);
    }
}
