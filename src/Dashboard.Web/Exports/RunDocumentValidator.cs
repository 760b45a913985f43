using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>
/// Checks every field of an imported <see cref="RunDocument"/>: an import is someone else's file,
/// and whatever it holds is stored, listed, charted and exported again. Counts are non-negative
/// and consistent with the plan, strings are bounded and free of control characters where a person
/// reads them on one line, only known workloads and strategies (and only the plan's strategies)
/// appear, times are finite. The first problem is thrown as a <see cref="RunDocumentException"/>
/// naming the field's path and quoting at most a short prefix of the bad value.
/// </summary>
/// <remarks>
/// Repetition numbers follow the engine's: measured repetitions are 0 .. repeat-1, warmups are
/// -1 .. -warmup (<see cref="StrategyResult.Repetition"/>), so a valid index is in [-warmup, repeat);
/// each (strategy, repetition) appears at most once.
/// </remarks>
public static class RunDocumentValidator
{
    /// <summary>Longest run error message.</summary>
    public const int MaxErrorLength = 4_000;

    /// <summary>Longest task detail (a failure's message).</summary>
    public const int MaxDetailLength = 2_000;

    /// <summary>Longest output check text ("ok" or what went wrong).</summary>
    public const int MaxOutputCheckLength = 2_000;

    /// <summary>Longest environment text (OS, CPU model, target address, a knob's name or value).</summary>
    public const int MaxEnvironmentTextLength = 500;

    /// <summary>Most knobs in the environment section.</summary>
    public const int MaxKnobs = 50;

    /// <summary>Most distinct lanes one repetition may report (a thread per task for 100,000 tasks, plus workers).</summary>
    public const int MaxLanes = 200_000;

    /// <summary>Most worker start times one repetition may report.</summary>
    public const int MaxWorkerStarts = StrategyOptions.MaxProcessCount;

    /// <summary>A span's split and segments as the Engine records them: non-negative, within the span, bounded.</summary>
    private static bool SplitIsSane(Engine.Running.TaskSpan span)
    {
        static bool Seconds(double? value) => value is null || (double.IsFinite(value.Value) && value >= 0);
        var length = span.End - span.Start;
        return Seconds(span.Cpu) && Seconds(span.Ready) && Seconds(span.Transfer)
            && (span.Cpu ?? 0) + (span.Ready ?? 0) <= length + 1e-5
            && (span.Segments is null || (span.Segments.Count <= Engine.Running.TaskTimes.MaxSegments
                && span.Segments.All(g => g.Thread >= 0 && double.IsFinite(g.Start) && double.IsFinite(g.End)
                    && g.Start >= span.Start - 1e-3 && g.End <= span.End + 1e-3 && g.Start <= g.End)));
    }

    /// <summary>Most thread ids one span may list (the Engine keeps at most 256 per task).</summary>
    public const int MaxSpanThreads = 256;

    /// <summary>Longest node name on a span (a lab node's Node:Name is at most 100 characters).</summary>
    public const int MaxNodeLength = 100;

    /// <summary>
    /// Longest repetition, in seconds: the longest run wall-clock limit (Runs:MaxRunWallSeconds, a
    /// week). Every time in a document stays below it, so exports never overflow a timestamp.
    /// </summary>
    public const double MaxSeconds = 7 * 24 * 3_600;

    /// <summary>
    /// How far past its repetition's wall time a span or counter sample may end: the repetition's
    /// clock stops a moment after the last task reports, and cancelled tasks report last.
    /// </summary>
    public static double Slack(double wallSeconds) => Math.Max(1.0, wallSeconds * 0.1);

    /// <summary>Throws <see cref="RunDocumentException"/> at the first invalid field.</summary>
    public static void Validate(RunDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var run = document.Run;
        Check(Enum.IsDefined(run.State), "run.state", "must be one of " + string.Join(", ", Enum.GetNames<RunState>()));
        Check(run.Id >= 0, "run.id", "must not be negative");
        Check(run.QueuePosition is null or >= 0, "run.queuePosition", "must not be negative");
        Check(run.DroppedEvents >= 0, "run.droppedEvents", "must not be negative");
        // The same rule as a new run's label (RunLabel), so every export imports again.
        if (RunLabel.Problem(run.Label) is { } labelProblem)
        {
            throw Fail("run.label", "breaks the rule every label follows: " + labelProblem.TrimEnd('.'));
        }

        if (run.Error is { } error)
        {
            Text(error, "run.error", MaxErrorLength, singleLine: false);
        }

        Check(run.StartedAt is null || run.StartedAt >= run.CreatedAt.AddDays(-1), "run.startedAt", "must not be before the run was created");
        Check(run.EndedAt is null || run.StartedAt is null || run.EndedAt >= run.StartedAt, "run.endedAt", "must not be before the run started");

        var plan = run.Plan;
        Check(WorkloadCatalog.Ids.Contains(plan.Parameters.Workload, StringComparer.Ordinal),
            "run.plan.parameters.workload", "must be a known workload");
        var planErrors = plan.Validate();
        if (planErrors.Count > 0)
        {
            // The plan's own messages quote values briefly (ValueEcho) and name the workload's limits.
            throw new RunDocumentException("Not a valid run document: the plan is invalid: " +
                string.Join("; ", planErrors.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}")));
        }

        foreach (var text in WorkloadCatalog.Of(plan.Parameters).Fields.OfType<TextField>())
        {
            Text(text.Get(plan.Parameters), "run.plan.parameters." + text.Name, text.MaxLength, singleLine: true);
        }

        var tasks = plan.Parameters.TaskCount;
        var strategies = new HashSet<string>(plan.StrategyRuns, StringComparer.Ordinal);
        var maxResults = (long)plan.StrategyRuns.Count * (plan.Repeat + plan.Warmup);
        Check(run.Results.Count <= maxResults, "run.results",
            Invariant($"holds {run.Results.Count:N0} repetitions; the plan has at most {maxResults:N0} ({plan.StrategyRuns.Count} strategies x (repeat {plan.Repeat} + warmup {plan.Warmup}))"));

        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < run.Results.Count; i++)
        {
            var path = Invariant($"run.results[{i}]");
            var result = run.Results[i];
            // A sweep point's key ("threadpool@4") is known; whether this plan has that sweep is the next check.
            Check(PythonTwins.IsKnownKey(result.Strategy) || StrategySizes.IsPoint(result.Strategy), path + ".strategy", $"'{ValueEcho.Short(result.Strategy)}' is not a known strategy");
            Check(strategies.Contains(result.Strategy), path + ".strategy", $"'{result.Strategy}' is not one of the plan's strategies");
            Check(result.Repetition >= -plan.Warmup && result.Repetition < plan.Repeat, path + ".repetition",
                Invariant($"is {result.Repetition:N0}; it must be in [-{plan.Warmup}, {plan.Repeat}) (warmups negative)"));
            Check(seen.Add((result.Strategy, result.Repetition)), path, Invariant($"repeats {result.Strategy} repetition {result.Repetition}"));
            Check(double.IsFinite(result.WallSeconds) && result.WallSeconds >= 0 && result.WallSeconds <= MaxSeconds, path + ".wallSeconds",
                Invariant($"must be a finite number of seconds between 0 and {MaxSeconds:N0}"));
            var latest = result.WallSeconds + Slack(result.WallSeconds);
            Check(double.IsFinite(result.CpuSeconds) && result.CpuSeconds >= 0, path + ".cpuSeconds", "must be a finite, non-negative number");
            Check(result.Lanes is >= 0 and <= MaxLanes, path + ".lanes", Invariant($"must be between 0 and {MaxLanes:N0}"));
            Check(result.TasksOk >= 0, path + ".tasksOk", "must not be negative");
            Check(result.TasksFailed >= 0, path + ".tasksFailed", "must not be negative");
            Check((long)result.TasksOk + result.TasksFailed <= tasks, path,
                Invariant($"tasksOk + tasksFailed is {(long)result.TasksOk + result.TasksFailed:N0}; the plan has {tasks:N0} tasks"));
            Check(result.PeakMemoryBytes >= 0, path + ".peakMemoryBytes", "must not be negative");
            Text(result.OutputCheck, path + ".outputCheck", MaxOutputCheckLength, singleLine: false);
            if (result.WorkerStartSeconds is { } starts)
            {
                Check(starts.Count <= MaxWorkerStarts, path + ".workerStartSeconds", Invariant($"holds more than {MaxWorkerStarts} workers"));
                Check(starts.All(s => double.IsFinite(s) && s >= 0), path + ".workerStartSeconds", "must hold finite, non-negative numbers");
            }

            if (result.Counters is { } counters)
            {
                Check(counters.Count <= Engine.Running.CounterSample.MaxPerRepetition, path + ".counters",
                    Invariant($"holds {counters.Count:N0} samples; at most {Engine.Running.CounterSample.MaxPerRepetition:N0} are kept"));
                for (var c = 0; c < counters.Count; c++)
                {
                    var s = counters[c];
                    if (s is null || !(double.IsFinite(s.T) && double.IsFinite(s.CpuPercent) && double.IsFinite(s.CpuUserPercent)
                            && double.IsFinite(s.CpuSystemPercent) && double.IsFinite(s.GcPauseMs) && double.IsFinite(s.AllocatedMb)
                            && double.IsFinite(s.WorkingSetMb) && s.CpuPercent >= 0 && s.Threads >= 0 && s.PoolThreads >= 0 && s.PoolQueue >= 0))
                    {
                        throw Fail(Invariant($"{path}.counters[{c}]"), "must hold finite, non-negative figures");
                    }

                    if (!(s.T >= -Slack(result.WallSeconds) && s.T <= latest))
                    {
                        throw Fail(Invariant($"{path}.counters[{c}].t"), Invariant($"is {s.T:G6}; a sample is taken during its repetition (0 to {result.WallSeconds:G6} s)"));
                    }
                }
            }

            Check(result.Spans.Count <= tasks, path + ".spans", Invariant($"holds {result.Spans.Count:N0} spans; the plan has {tasks:N0} tasks"));
            // Up to 100,000 spans: messages are only built for the one that fails.
            var taskSeen = new HashSet<int>();
            for (var j = 0; j < result.Spans.Count; j++)
            {
                var span = result.Spans[j];
                if (span.Task < 0 || span.Task >= tasks)
                {
                    throw Fail(Invariant($"{path}.spans[{j}].task"), Invariant($"is {span.Task:N0}; it must be in [0, {tasks:N0})"));
                }

                if (!taskSeen.Add(span.Task))
                {
                    throw Fail(Invariant($"{path}.spans[{j}].task"), Invariant($"repeats task {span.Task}"));
                }

                if (span.Lane.ProcessId < 0 || span.Lane.ThreadId < 0)
                {
                    throw Fail(Invariant($"{path}.spans[{j}].lane"), "must be two non-negative numbers pid:tid");
                }

                if (!(double.IsFinite(span.Start) && double.IsFinite(span.End) && span.Start >= 0 && span.End >= span.Start))
                {
                    throw Fail(Invariant($"{path}.spans[{j}]"), "must have finite 0 <= start <= end");
                }

                if (span.End > latest)
                {
                    throw Fail(Invariant($"{path}.spans[{j}].end"),
                        Invariant($"is {span.End:G6} s; a task runs inside its repetition, which lasted {result.WallSeconds:G6} s"));
                }

                if (span.Node is { } node)
                {
                    Text(node, Invariant($"{path}.spans[{j}].node"), MaxNodeLength, singleLine: true);
                }

                if (!Enum.IsDefined(span.Status))
                {
                    throw Fail(Invariant($"{path}.spans[{j}].status"), "must be ok, failed or cancelled");
                }

                if (span.Threads is { } threads && (threads.Count > MaxSpanThreads || threads.Any(t => t < 0)))
                {
                    throw Fail(Invariant($"{path}.spans[{j}].threads"), Invariant($"must hold at most {MaxSpanThreads} non-negative thread ids"));
                }

                if (span.Detail is { } detail)
                {
                    Text(detail, Invariant($"{path}.spans[{j}].detail"), MaxDetailLength, singleLine: false);
                }

                if (!SplitIsSane(span))
                {
                    throw Fail(Invariant($"{path}.spans[{j}]"), Invariant($"cpu, ready and transfer must be finite and non-negative, cpu + ready within the span, and at most {Engine.Running.TaskTimes.MaxSegments} segments within it"));
                }
            }
        }

        if (document.Environment is { } environment)
        {
            Text(environment.OperatingSystem, "environment.operatingSystem", MaxEnvironmentTextLength, singleLine: true);
            Text(environment.DotNetVersion, "environment.dotNetVersion", MaxEnvironmentTextLength, singleLine: true);
            Text(environment.CpuModel, "environment.cpuModel", MaxEnvironmentTextLength, singleLine: true);
            Text(environment.GcMode, "environment.gcMode", MaxEnvironmentTextLength, singleLine: true);
            Text(environment.ArithmeticEngine, "environment.arithmeticEngine", MaxEnvironmentTextLength, singleLine: true);
            Text(environment.TargetBaseUrl, "environment.targetBaseUrl", MaxEnvironmentTextLength, singleLine: true);
            Check(environment.CoreCount is >= 0 and <= 100_000, "environment.coreCount", "must be between 0 and 100,000");
            if (environment.Outputs is { } outputs)
            {
                Text(outputs.Location, "environment.outputs.location", MaxEnvironmentTextLength, singleLine: true);
                if (outputs.Directory is not null)
                {
                    // Older exports named the folder; it is checked, then dropped when stored.
                    Text(outputs.Directory, "environment.outputs.directory", MaxEnvironmentTextLength, singleLine: true);
                }

                Text(outputs.FileSystem, "environment.outputs.fileSystem", MaxEnvironmentTextLength, singleLine: true);
            }

            var knobs = environment.Knobs ?? new Dictionary<string, string>();
            Check(knobs.Count <= MaxKnobs, "environment.knobs", Invariant($"holds more than {MaxKnobs} knobs"));
            foreach (var (name, value) in knobs)
            {
                Text(name, "environment.knobs", MaxEnvironmentTextLength, singleLine: true);
                Text(value, $"environment.knobs.{ValueEcho.Short(name)}", MaxEnvironmentTextLength, singleLine: true);
            }
        }
    }

    private static void Text(string? text, string path, int max, bool singleLine)
    {
        if (text is null)
        {
            throw new RunDocumentException($"Not a valid run document: '{path}' is missing.");
        }

        if (text.Length > max)
        {
            throw Fail(path, Invariant($"is {text.Length:N0} characters long; at most {max:N0} are allowed ('{ValueEcho.Short(text)}')"));
        }

        // Line breaks and tabs are fine in an error message; nowhere is any other control character.
        foreach (var c in text)
        {
            if (char.IsControl(c) && (singleLine || c is not ('\n' or '\r' or '\t')))
            {
                throw Fail(path, $"must not contain control characters{(singleLine ? " or line breaks" : "")} ('{ValueEcho.Short(text)}')");
            }
        }
    }

    private static void Check(bool valid, string path, string problem)
    {
        if (!valid)
        {
            throw Fail(path, problem);
        }
    }

    private static RunDocumentException Fail(string path, string problem) =>
        new($"Not a valid run document: '{path}' {problem}.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
