using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Explain;

/// <summary>Runs with chosen figures, explained the way the live page does (<see cref="ExplainInput.Of"/>).</summary>
internal static class ExplainRuns
{
    /// <summary>A 2-core machine whose simulated targets answer in <paramref name="latencyMs"/>.</summary>
    public static RunEnvironment Machine(int latencyMs = 100, Engine.Statistics.CpuCalibration? calibration = null, OutputPlace? outputs = null) =>
        RunEnvironment.Capture("http://127.0.0.1:9/sim/", new Dictionary<string, string>
        {
            ["genreLatencyMs"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pageLatencyMs"] = latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }) with { CoreCount = 2, Calibration = calibration, Outputs = outputs };

    public static IReadOnlyList<ExplainItem> Lines(WorkloadParameters parameters, params StrategyResult[] results) =>
        Lines(parameters, Machine(), results);

    public static IReadOnlyList<ExplainItem> Lines(WorkloadParameters parameters, RunEnvironment machine, params StrategyResult[] results)
    {
        var plan = new RunPlan(parameters, [.. results.Select(r => r.Strategy).Distinct()]);
        return RunExplainer.Explain(ExplainInput.Of(plan, machine, results));
    }

    public static string Text(IReadOnlyList<ExplainItem> items) => string.Join("\n", items.Select(i => i.Text));

    /// <summary>
    /// <paramref name="walls"/>.Length repetitions of one strategy, each with <paramref name="tasks"/> ok spans of
    /// <paramref name="taskSeconds"/> starting at <paramref name="startup"/> on <paramref name="lanes"/> lanes.
    /// </summary>
    public static StrategyResult[] Reps(string key, double[] walls, double cpu, int lanes, int tasks, double taskSeconds = 0.1, double startup = 0) =>
    [
        .. walls.Select((wall, r) => new StrategyResult(key, r, wall, cpu, lanes, tasks, 0, "ok", 0,
            [.. Enumerable.Range(0, tasks).Select(i => new TaskSpan(i, new Lane(100 + (i % lanes), 1 + (i % lanes)), startup, startup + taskSeconds, TaskStatus.Ok, "ok"))])),
    ];

    /// <summary>One repetition (see <see cref="Reps"/>).</summary>
    public static StrategyResult One(string key, double wall, double cpu, int lanes, int tasks, double taskSeconds = 0.1, double startup = 0) =>
        Reps(key, [wall], cpu, lanes, tasks, taskSeconds, startup)[0];
}
