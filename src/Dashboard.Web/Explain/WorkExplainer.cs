using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>
/// What the work was (start-up taken out first), which strategy of each runtime was fastest and, beyond
/// noise, why; then what the figures say of async on work that computes, and of waits.
/// </summary>
internal static class WorkExplainer
{
    // CPU time / wall time of a single-lane run's work: below IoRatio it mostly waited, above CpuRatio it mostly computed.
    private const double IoRatio = 0.3;
    private const double CpuRatio = Engine.Findings.RunShape.HeldBackBelow;

    // A start-up over this share of the reference's wall leaves too little work to judge.
    private const double StartupShare = 0.5;

    // Async counts as having gained nothing at or below this speedup.
    private const double NoGain = 1.1;

    public static void Explain(ExplainRun run)
    {
        run.Nature = Nature(run);
        foreach (var (runtime, strategies) in run.Runtimes)
        {
            Fastest(run, runtime, strategies);
        }

        if (run.Nature == WorkNature.Cpu)
        {
            AsyncOnCpu(run);
        }
        else if (run.Nature is WorkNature.Io or WorkNature.Mixed)
        {
            Waits(run);
        }
    }

    private static WorkNature Nature(ExplainRun run)
    {
        var kind = run.Input.Kind;
        var reference = run.Baseline(PythonTwins.DotnetRuntime) ?? run.Baseline(PythonTwins.PythonRuntime);
        if (reference is null)
        {
            return Busiest(run);
        }

        var name = StrategyText.Name(reference.Strategy);
        var startup = reference.StartupSeconds;
        var wall = reference.MedianWallSeconds;
        if (MostlyStartup(reference))
        {
            return TooLittleWork(run, reference);
        }

        // The start-up is taken out of both; the CPU is the tasks' own when measured (the process's
        // also counts this dashboard, the simulated targets and the JIT: 2.25 s against the tasks' 63 ms
        // on a cold genre run, which read as CPU-bound).
        var work = wall - startup;
        var cpu = reference.WorkCpuSeconds;
        var ratio = Engine.Findings.RunShape.WorkBusy(wall, startup, reference.MedianCpuSeconds, reference.TaskCpuSeconds) ?? 0;
        // The table shows the whole wall; a sentence that uses the work alone says so.
        var span = startup < 0.001 ? $"its {Fmt.Seconds(wall)}"
            : reference.StartupLabel == "start-up" ? $"the {Fmt.Seconds(work)} after its {Fmt.Seconds(startup)} of start-up"
            : $"the {Fmt.Seconds(work)} after the {Fmt.Seconds(startup)} before its first task";
        (string, string)[] inputs =
        [
            ("strategy", reference.Strategy), ("wall", Fmt.Seconds(wall)), (reference.StartupLabel, Fmt.Seconds(startup)), ("work wall", Fmt.Seconds(work)),
            ("work CPU", Fmt.Seconds(cpu)), ("CPU of", reference.WorkCpuSource), ("CPU/wall", Fmt.Percent(ratio)), ("I/O below", Fmt.Percent(IoRatio)), ("CPU above", Fmt.Percent(CpuRatio)),
        ];
        if (kind == WorkloadKind.CpuBound && ratio <= CpuRatio)
        {
            // Computing work that got little CPU did not wait on I/O: other processes held the cores.
            run.Add("nature", ExplainRanks.Nature, $"This work only computes, yet {name} had the CPU for just {Fmt.Seconds(cpu)} of {span} " +
                $"({Fmt.Percent(ratio)}): other work on this machine held the cores, so these timings are noisy; " +
                "run it again on a quieter machine or with more repetitions.", inputs);
            return WorkNature.Cpu;
        }

        if (kind == WorkloadKind.IoBound && ratio is >= IoRatio and <= CpuRatio)
        {
            // Waiting work that shows CPU: the meter counts the whole process, including the dashboard
            // streaming this very run; with few short tasks that share is visible.
            run.Add("nature", ExplainRanks.Nature, $"This run was I/O-bound: its tasks wait. {Fmt.Capital(name)} used {Fmt.Seconds(cpu)} of CPU in {span} " +
                $"({Fmt.Percent(ratio)}){(reference.TaskCpuSeconds is null ? ", part of it this dashboard serving the live page" : "")}.", inputs);
            return WorkNature.Io;
        }

        if (ratio < IoRatio)
        {
            run.Add("nature", ExplainRanks.Nature, $"This run was I/O-bound: {name} used the CPU for only {Fmt.Seconds(cpu)} of {span} " +
                $"({Fmt.Percent(ratio)}); the rest of the time it waited.", inputs);
            return WorkNature.Io;
        }

        if (ratio > CpuRatio)
        {
            run.Add("nature", ExplainRanks.Nature, $"This run was CPU-bound: {name} kept a core busy for {Fmt.Seconds(cpu)} of {span} " +
                $"({Fmt.Percent(Math.Min(ratio, 1))}); only more cores make such work faster.", inputs);
            return WorkNature.Cpu;
        }

        run.Add("nature", ExplainRanks.Nature, $"This run mixed waiting and computing: {name} used the CPU for {Fmt.Seconds(cpu)} of {span} " +
            $"({Fmt.Percent(ratio)}).", inputs);
        return WorkNature.Mixed;
    }

    private static bool MostlyStartup(StrategyFigures figures) => figures.StartupSeconds > StartupShare * figures.MedianWallSeconds;

    private static WorkNature TooLittleWork(ExplainRun run, StrategyFigures figures)
    {
        run.Add("nature", ExplainRanks.Nature,
            $"{Fmt.Capital(StrategyText.Name(figures.Strategy))} spent {Fmt.Seconds(figures.StartupSeconds)} of its {Fmt.Seconds(figures.MedianWallSeconds)} before its first task started: " +
            "too little of its time was work to tell whether this work waits or computes.",
            (figures.StartupLabel, Fmt.Seconds(figures.StartupSeconds)), ("wall", Fmt.Seconds(figures.MedianWallSeconds)), ("judged above", Fmt.Percent(StartupShare)));
        return WorkNature.Unknown;
    }

    // Without a sequential run, the busiest strategy tells: if even it mostly waited, the work is waiting.
    private static WorkNature Busiest(ExplainRun run)
    {
        static double Ratio(StrategyFigures s) => s.MedianWallSeconds - s.StartupSeconds is > 0 and var work
            ? s.WorkCpuSeconds / work
            : 0;
        // Only a strategy whose wall is mostly work can tell; when every one is mostly start-up, nothing is called.
        var judged = run.Done.Where(s => !MostlyStartup(s)).ToList();
        if (judged.Count == 0)
        {
            return TooLittleWork(run, run.Done.MaxBy(s => s.StartupSeconds / Math.Max(s.MedianWallSeconds, 1e-9))!);
        }

        var busiest = judged.MaxBy(Ratio)!;
        var ratio = Ratio(busiest);
        (string, string)[] inputs = [("strategy", busiest.Strategy), ("CPU/wall", Fmt.Percent(ratio)), ("start-up", Fmt.Seconds(busiest.StartupSeconds))];
        if (ratio < IoRatio)
        {
            run.Add("nature", ExplainRanks.Nature, $"This run was I/O-bound: even {StrategyText.Name(busiest.Strategy)} used the CPU for only " +
                $"{Fmt.Percent(ratio)} of its time.", inputs);
            return WorkNature.Io;
        }

        if (ratio > CpuRatio)
        {
            run.Add("nature", ExplainRanks.Nature, $"This run was CPU-bound: {StrategyText.Name(busiest.Strategy)} used " +
                $"{Fmt.Seconds(busiest.WorkCpuSeconds)} of CPU in {Fmt.Seconds(busiest.MedianWallSeconds - busiest.StartupSeconds)}.", inputs);
            return WorkNature.Cpu;
        }

        return WorkNature.Mixed;
    }

    private static void Fastest(ExplainRun run, string runtime, List<StrategyFigures> strategies)
    {
        var best = strategies.MinBy(s => s.MedianWallSeconds)!;
        var among = run.Among(runtime);
        var name = StrategyText.Name(best.Strategy);
        var baseline = run.Baseline(runtime);
        var tasks = Fmt.Plural(run.Tasks, "task", "tasks");
        if (baseline is null)
        {
            run.Add("fastest", ExplainRanks.Fastest, $"{Start(among, name)} was the fastest: {tasks} in {Fmt.Seconds(best.MedianWallSeconds)}.",
                ("fastest", best.Strategy), ("wall", Fmt.Seconds(best.MedianWallSeconds)));
            return;
        }

        var baseName = StrategyText.Name(baseline.Strategy);
        (string, string)[] inputs =
        [
            ("fastest", best.Strategy), ("wall", Fmt.Seconds(best.MedianWallSeconds)), ("baseline", baseline.Strategy),
            ("baseline wall", Fmt.Seconds(baseline.MedianWallSeconds)), ("repetitions", Noise.Repetitions(best, baseline)),
        ];
        if (best == baseline)
        {
            run.Add("fastest", ExplainRanks.Fastest, $"{Start(among, "no strategy")} was faster than {baseName} ({Fmt.Seconds(baseline.MedianWallSeconds)}).", inputs);
            return;
        }

        var speedup = baseline.MedianWallSeconds / best.MedianWallSeconds;
        if (Noise.Compare(best, baseline) == NoiseVerdict.Faster)
        {
            var cause = Cause(run, best);
            run.Add("fastest", ExplainRanks.Fastest, $"{Start(among, name)} was the fastest: {tasks} in {Fmt.Seconds(best.MedianWallSeconds)}, " +
                $"{Fmt.Speedup(speedup)} faster than {baseName} ({Fmt.Seconds(baseline.MedianWallSeconds)}), {Noise.Basis(best, baseline)}" +
                (cause is null ? "." : $". {cause}"), inputs);
        }
        else
        {
            run.Add("fastest", ExplainRanks.Fastest, $"{Start(among, name)} was the fastest: {tasks} in {Fmt.Seconds(best.MedianWallSeconds)} " +
                $"against {Fmt.Possessive(baseName)} {Fmt.Seconds(baseline.MedianWallSeconds)} ({Fmt.Speedup(speedup)}): {Noise.Basis(best, baseline)}.", inputs);
        }
    }

    /// <summary>Why the fastest was faster, from its descriptor and the run's nature; null when the figures do not say.</summary>
    private static string? Cause(ExplainRun run, StrategyFigures best)
    {
        if (StrategyCatalog.Of(best.Strategy) is not { } descriptor)
        {
            return null;
        }

        var python = PythonTwins.IsTwinKey(best.Strategy);
        return (run.Nature, descriptor.Concurrency) switch
        {
            (WorkNature.Io or WorkNature.Mixed, Concurrency.Awaits) =>
                $"A task that awaits holds no thread, so its waits overlapped on {Fmt.Plural(best.Lanes, "thread", "threads")}.",
            (WorkNature.Io or WorkNature.Mixed, Concurrency.ThreadPerTask) =>
                $"Each task waited on a thread of its own ({Fmt.Plural(best.Lanes, "thread", "threads")}), so the waits overlapped.",
            (WorkNature.Io or WorkNature.Mixed, _) when best.Lanes > 1 =>
                $"It waited on up to {Fmt.Count(best.Lanes)} tasks at a time.",
            (WorkNature.Cpu, _) when best.Lanes > 1 && !(python && descriptor.Twin?.GilBound == true) =>
                $"Its tasks computed on up to {Fmt.Plural(Math.Min(best.Lanes, run.Input.Cores), "core", "cores")} at once" +
                (python ? " (a process each, each with its own interpreter)." : "."),
            _ => null,
        };
    }

    private static void AsyncOnCpu(ExplainRun run)
    {
        foreach (var (runtime, _) in run.Runtimes)
        {
            var python = runtime == PythonTwins.PythonRuntime;
            if (StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.Awaits), python) is { Speedup: { } speedup and <= NoGain } async)
            {
                var baseline = run.BaselineOf(async.Strategy)!;
                run.Add("async-on-cpu", ExplainRanks.AsyncOnCpu,
                    $"{Fmt.Capital(StrategyText.Name(async.Strategy))} gained nothing here ({Fmt.Speedup(speedup)} against {StrategyText.Name(baseline.Strategy)}, " +
                    $"{Fmt.Seconds(async.MedianWallSeconds)}): await overlaps waits, and these tasks do not wait, they compute; each still needs a core.",
                    ("strategy", async.Strategy), ("speedup", Fmt.Speedup(speedup)), ("no gain at or below", Fmt.Speedup(NoGain)));
            }
        }
    }

    private static void Waits(ExplainRun run)
    {
        foreach (var (runtime, strategies) in run.Runtimes)
        {
            var python = runtime == PythonTwins.PythonRuntime;
            var async = StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.Awaits), python);
            if (async is not null && StrategyPicks.Find(run.ById, StrategyPicks.InProcess(Concurrency.ThreadPerTask), python) is { } threads)
            {
                run.Add("threads-vs-async", ExplainRanks.Comparison,
                    $"{Fmt.Capital(StrategyText.Name(async.Strategy))} overlapped its waits on {Fmt.Plural(async.Lanes, "thread", "threads")}, " +
                    $"{StrategyText.Name(threads.Strategy)} on {Fmt.Plural(threads.Lanes, "thread", "threads")}, one per task: a task that awaits holds no thread. " +
                    $"Their times, {Fmt.Seconds(async.MedianWallSeconds)} and {Fmt.Seconds(threads.MedianWallSeconds)}: {Verdict(async, threads)}.",
                    ("async lanes", Fmt.Count(async.Lanes)), ("threads lanes", Fmt.Count(threads.Lanes)),
                    ("async wall", Fmt.Seconds(async.MedianWallSeconds)), ("threads wall", Fmt.Seconds(threads.MedianWallSeconds)),
                    ("repetitions", Noise.Repetitions(async, threads)));
            }

            Queues(run, strategies);
            if (run.Input.Kind != WorkloadKind.CpuBound && async is not null
                && StrategyPicks.Ran(run.ById, StrategyPicks.InWorkers(Concurrency.Awaits), python) is { } inProcesses)
            {
                var key = python ? PythonTwins.Key(inProcesses.Id) : inProcesses.Id;
                var asyncProcesses = run.ById[key];
                var workers = StrategyPicks.Workers(inProcesses, run.Input);
                var verdict = Noise.Compare(asyncProcesses, async);
                var text = verdict switch
                {
                    NoiseVerdict.Faster => $"{Fmt.Capital(StrategyText.Name(key))} ({Fmt.Seconds(asyncProcesses.MedianWallSeconds)}) beat {StrategyText.Name(async.Strategy)} alone " +
                        $"({Fmt.Seconds(async.MedianWallSeconds)}), {Noise.Basis(asyncProcesses, async)}. The CPU part of the tasks ran on {workers} cores while their waits overlapped.",
                    NoiseVerdict.Slower => $"{Fmt.Capital(StrategyText.Name(async.Strategy))} alone ({Fmt.Seconds(async.MedianWallSeconds)}) beat async inside {workers} processes " +
                        $"({Fmt.Seconds(asyncProcesses.MedianWallSeconds)}), {Noise.Basis(asyncProcesses, async)}. There was too little CPU work per task to pay for the processes.",
                    _ => $"{Fmt.Capital(StrategyText.Name(async.Strategy))} alone took {Fmt.Seconds(async.MedianWallSeconds)}, async inside {workers} processes " +
                        $"{Fmt.Seconds(asyncProcesses.MedianWallSeconds)}: {Noise.Basis(asyncProcesses, async)}.",
                };
                run.Add("async-processes", ExplainRanks.Comparison, text,
                    ("async wall", Fmt.Seconds(async.MedianWallSeconds)), ("async + processes wall", Fmt.Seconds(asyncProcesses.MedianWallSeconds)),
                    ("repetitions", Noise.Repetitions(asyncProcesses, async)));
            }
        }
    }

    // A limit below the task count turns concurrent waits into a queue: the tutorial's hidden lesson.
    private static void Queues(ExplainRun run, List<StrategyFigures> strategies)
    {
        var best = strategies.MinBy(s => s.MedianWallSeconds);
        if (best is null)
        {
            return;
        }

        foreach (var figures in strategies.Where(s => s != best))
        {
            if (StrategyCatalog.Of(figures.Strategy) is not { QueueReason: { } reason, Lanes: not null } descriptor
                || StrategySizes.IsPoint(figures.Strategy)
                || StrategyCatalog.Lanes(figures.Strategy, new LaneQuestion(run.Input.Options, run.Input.Cores, run.Tasks, CpuBound: false)) is not { } limit
                || limit >= run.Tasks)
            {
                continue;
            }

            var why = reason(run.Input.Options, run.Input.Cores);
            var verdict = Noise.Compare(figures, best);
            var against = $"{Fmt.Seconds(figures.MedianWallSeconds)} against {Fmt.Possessive(StrategyText.Name(best.Strategy))} {Fmt.Seconds(best.MedianWallSeconds)}";
            run.Add("queue", ExplainRanks.Comparison, verdict == NoiseVerdict.Slower
                ? $"{Fmt.Capital(StrategyText.Name(figures.Strategy))} waited on only {Fmt.Plural(limit, "task", "tasks")} at a time ({why}), so {Fmt.Count(run.Tasks)} waits became a queue: " +
                  $"{against}, {Noise.Basis(figures, best)}."
                : $"{Fmt.Capital(StrategyText.Name(figures.Strategy))} waits on only {Fmt.Plural(limit, "task", "tasks")} at a time ({why}): {against}: {Noise.Basis(figures, best)}.",
                ("strategy", figures.Strategy), ("at once", Fmt.Count(limit)), ("tasks", Fmt.Count(run.Tasks)), ("fastest", best.Strategy),
                ("repetitions", Noise.Repetitions(figures, best)));
        }
    }

    private static string Verdict(StrategyFigures a, StrategyFigures b) => Noise.Compare(a, b) switch
    {
        NoiseVerdict.Faster => $"{StrategyText.Name(a.Strategy)} faster, {Noise.Basis(a, b)}",
        NoiseVerdict.Slower => $"{StrategyText.Name(b.Strategy)} faster, {Noise.Basis(a, b)}",
        _ => Noise.Basis(a, b),
    };

    private static string Start(string among, string name) => among.Length == 0 ? Fmt.Capital(name) : among + name;
}
