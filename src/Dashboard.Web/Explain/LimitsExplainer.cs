using System.Globalization;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Explain;

/// <summary>
/// Which strategies reached their limit, and for the others what their own figures say held them
/// back: a finding on the strategy when one fired (named, not said again), else its start-up, its CPU
/// against its own runtime's sequential, or its lanes' busy share.
/// </summary>
internal static class LimitsExplainer
{
    // Findings that say why a strategy missed its limit.
    private static readonly string[] Why =
    [
        FindingIds.TasksTooShort, FindingIds.StartupDominates, FindingIds.GilBound, FindingIds.SyncOverAsync,
        FindingIds.UnevenShares, FindingIds.KernelBound, FindingIds.Failures,
    ];

    // A strategy that spent this much more CPU than its runtime's sequential paid for concurrency in CPU.
    private const double ExtraCpu = 1.1;

    public static void Explain(ExplainRun run)
    {
        var limits = (run.Input.Limits ?? []).Where(l => l.OfLimit is not null && run.ById.ContainsKey(l.Strategy)).ToList();
        if (limits.Count == 0)
        {
            return;
        }

        var cpu = limits[0].Bound == StrategyLimits.CpuBound;
        var what = cpu ? "CPU limit" : "latency bound";
        var reached = limits.Where(l => l.OfLimit >= StrategyLimits.Reached).OrderByDescending(l => l.OfLimit).ToList();
        if (reached.Count > 0)
        {
            run.Add("limits", ExplainRanks.Limits, $"At the {what} ({Fmt.Percent(StrategyLimits.Reached)} or more): " +
                string.Join(", ", reached.Select(l => $"{StrategyText.Name(l.Strategy)} {Fmt.Percent(l.OfLimit!.Value)}")) + ".",
                [.. reached.Select(l => (l.Strategy, Fmt.Percent(l.OfLimit!.Value)))]);
        }

        foreach (var limit in limits.Where(l => l.OfLimit < StrategyLimits.Reached).OrderBy(l => l.OfLimit))
        {
            var f = run.ById[limit.Strategy];
            run.Add("limits", ExplainRanks.Limits - 1,
                $"{Fmt.Capital(StrategyText.Name(limit.Strategy))} reached {Fmt.Percent(limit.OfLimit!.Value)} of its {what} " +
                $"({Fmt.Seconds(limit.LimitSeconds)}: {limit.Basis}): {HeldBack(run, limit, f, cpu)}.",
                ("strategy", limit.Strategy), ("limit", Fmt.Seconds(limit.LimitSeconds)), ("basis", limit.Basis), ("wall", Fmt.Seconds(f.MedianWallSeconds)),
                ("CPU", Fmt.Seconds(f.MedianCpuSeconds)), ("work CPU", Fmt.Seconds(f.WorkCpuSeconds)), (f.StartupLabel, Fmt.Seconds(f.StartupSeconds)));
        }
    }

    private static string HeldBack(ExplainRun run, StrategyLimit limit, StrategyFigures f, bool cpu)
    {
        if (run.FindingOn(f.Strategy, Why) is { } finding)
        {
            return $"see the warning \"{FindingCatalog.Rule(finding.Id)?.Title.ToLowerInvariant() ?? finding.Id}\"";
        }

        var over = Math.Max(0, f.MedianWallSeconds - limit.LimitSeconds);
        if (f.StartupSeconds >= 0.001 && over > 0 && f.StartupSeconds >= over / 2)
        {
            return $"{Fmt.Seconds(f.StartupSeconds)} of its {Fmt.Seconds(over)} over the limit went by before its first task started";
        }

        var busy = f.MedianWallSeconds > 0 ? f.MedianCpuSeconds / f.MedianWallSeconds : 0;
        if (cpu)
        {
            // Against its own runtime's sequential: Python's arithmetic is not .NET's.
            var work = run.BaselineOf(f.Strategy)?.MedianCpuSeconds ?? 0;
            if (work > 0 && f.MedianCpuSeconds > work * ExtraCpu)
            {
                return $"it spent {Fmt.Seconds(f.MedianCpuSeconds)} of CPU, {Fmt.Percent((f.MedianCpuSeconds / work) - 1)} more than " +
                       $"{Fmt.Possessive(StrategyText.Name(run.BaselineOf(f.Strategy)!.Strategy))} {Fmt.Seconds(work)} (threads, copies, worker processes cost CPU of their own)";
            }

            return busy < limit.Lanes * 0.9
                ? string.Create(CultureInfo.InvariantCulture,
                    $"on average {busy:0.00} of its {Fmt.Plural(limit.Lanes, "lane", "lanes")} were computing; the rest of the time it waited (an uneven split, or other programs on this machine)")
                : "its lanes were busy throughout, so other programs on this machine or shared caches and memory took the difference";
        }

        // Waiting work: the tasks' own CPU when measured (the process's counts this dashboard and the simulated targets too).
        var taskBusy = f.MedianWallSeconds > 0 ? f.WorkCpuSeconds / f.MedianWallSeconds : 0;
        return taskBusy >= 0.5
            ? $"it spent {Fmt.Seconds(f.WorkCpuSeconds)} of CPU in {Fmt.Seconds(f.MedianWallSeconds)}: handling the responses and files, not the waits, set the pace"
            : $"{Fmt.Seconds(over)} over the bound went to starting tasks, queuing and the responses' handling ({Fmt.Seconds(f.WorkCpuSeconds)} of CPU)";
    }
}
