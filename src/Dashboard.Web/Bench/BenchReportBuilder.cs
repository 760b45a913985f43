using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Bench;

/// <summary>Turns a finished run into the bench's report (figures rounded to the microsecond).</summary>
public static class BenchReportBuilder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BenchReport Build(BenchOptions options, RunResult result, BenchEnvironment environment)
    {
        var strategies = options.Strategies
            .Select(name => Summarise(name, result.Of(name).ToList()))
            .Where(s => s is not null)
            .Select(s => s!)
            .ToList();
        return new BenchReport(options.Workload, Parameters(options), environment, strategies);
    }

    /// <summary>The workload's parameters (camelCase, without the discriminator) plus the run's settings.</summary>
    public static JsonObject Parameters(BenchOptions options)
    {
        var node = JsonSerializer.SerializeToNode(options.Parameters, options.Parameters.GetType(), Json)!.AsObject();

        // The workload is the report's own field, and the task count is already there under its own name.
        node.Remove("workload");
        node.Remove("taskCount");
        if (options.Parameters is PowerParameters { Engine: null })
        {
            node["engine"] = PowerEngines.Id(PowerEngines.Resolve(null));
        }
        else if (options.Parameters is PowerParameters { Engine: { } engine })
        {
            node["engine"] = PowerEngines.Id(engine);
        }

        var strategyOptions = options.StrategyOptions;
        node["repeat"] = options.Repeat;
        node["warmup"] = options.Warmup;
        node["threadPoolSize"] = strategyOptions.EffectiveThreadPoolSize;
        node["asyncCap"] = strategyOptions.AsyncCap;
        node["parallelDegree"] = strategyOptions.EffectiveParallelDegree;
        node["processCount"] = strategyOptions.EffectiveProcessCount;
        return node;
    }

    private static BenchStrategyReport? Summarise(string name, IReadOnlyList<StrategyResult> repetitions)
    {
        if (repetitions.Count == 0)
        {
            return null;
        }

        var walls = repetitions.Select(r => r.WallSeconds).ToList();
        var median = BenchStatistics.Median(walls);

        // The spans shown are those of the repetition closest to the median, a typical one.
        var typical = repetitions.MinBy(r => Math.Abs(r.WallSeconds - median))!;
        var worst = repetitions.OrderByDescending(r => r.TasksFailed).ThenBy(r => r.OutputCheck == "ok").First();
        var check = worst.OutputCheck;
        if (repetitions.Any(r => r.Cancelled))
        {
            check = "cancelled";
        }

        return new BenchStrategyReport(
            name,
            walls.Select(Round).ToList(),
            Round(median),
            Round(BenchStatistics.Median(repetitions.Select(r => r.CpuSeconds).ToList())),
            repetitions.Max(r => r.Lanes),
            worst.TasksOk,
            worst.TasksFailed,
            check,
            typical.Spans.OrderBy(s => s.Task)
                .Select(s => new BenchSpan(s.Task, s.Lane.ToString(), Round(s.Start), Round(s.End), StatusId(s.Status)))
                .ToList());
    }

    private static string StatusId(Engine.Running.TaskStatus status) => status switch
    {
        Engine.Running.TaskStatus.Ok => "ok",
        Engine.Running.TaskStatus.Failed => "failed",
        _ => "cancelled",
    };

    private static double Round(double seconds) => Math.Round(seconds, 6);
}
