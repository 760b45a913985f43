using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Prediction;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;

namespace Dashboard.Web.Bench;

/// <summary>Turns a finished run into the bench's report (figures rounded to the microsecond).</summary>
public static class BenchReportBuilder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BenchReport Build(BenchOptions options, RunResult result, BenchEnvironment environment, CpuCalibration? calibration = null)
    {
        // One input for the statistics, the limits and the findings: the Engine's one path, as in the app.
        var input = FindingInput.Create(options.Parameters, options.StrategyOptions, environment.Cores, result.Results,
                RunLimits.LatencySeconds(options.Parameters, environment.Knobs?.GenreLatencyMs, environment.Knobs?.PageLatencyMs), calibration)
            .Placed(environment.Outputs);
        var all = input.Statistics;
        var statistics = all.ToDictionary(s => s.Strategy, StringComparer.Ordinal);
        var limits = input.Limits.ToDictionary(l => l.Strategy, StringComparer.Ordinal);
        var predictions = RunPrediction.Check(input, calibration).ToDictionary(c => c.Strategy, StringComparer.Ordinal);
        var strategies = options.Plan.StrategyRuns
            .Where(statistics.ContainsKey)
            .Select(name => WithPrediction(WithLimit(Summarise(statistics[name], result.Of(name).ToList()), limits.GetValueOrDefault(name)),
                predictions.GetValueOrDefault(name)))
            .ToList();
        var report = new BenchReport(options.Workload, Parameters(options), environment, strategies, calibration)
        {
            Warnings = FindingCatalog.Run(input),
        };
        if (!options.Plan.HasSweep)
        {
            return report;
        }

        var curves = ScalingSweep.Compute(all);
        return report with
        {
            Sweep = [.. curves.SelectMany(c => c.Points.Select(p => new BenchSweepPoint(c.Strategy, p.Size, p.MedianSeconds is { } m ? Round(m) : null)))],
            Scaling = [.. curves.Where(c => c.Fit is not null).Select(c => new BenchScaling(
                c.Strategy, Math.Round(c.Fit!.SerialFraction, 6), c.Fit.SpeedupLimit is { } limit ? Math.Round(limit, 4) : null,
                Math.Round(c.Fit.R2, 6), c.Baseline!))],
        };
    }

    /// <summary>The workload's parameters (camelCase, without the discriminator) plus the run's settings.</summary>
    public static JsonObject Parameters(BenchOptions options)
    {
        var node = JsonSerializer.SerializeToNode(options.Parameters, options.Parameters.GetType(), Json)!.AsObject();

        // The workload is the report's own field, and the task count is already there under its own name.
        node.Remove("workload");
        node.Remove("taskCount");
        if (WorkloadCatalog.Of(options.Parameters).Arithmetic(options.Parameters) is { } engine)
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
        node["runtime"] = PythonTwins.Id(options.Runtime);
        node["processSplit"] = strategyOptions.EffectiveProcessSplit;
        if (options.Sweep is { Count: > 0 } sweep)
        {
            var sizes = new JsonArray();
            foreach (var size in sweep.Order())
            {
                sizes.Add(size);
            }

            node["sweep"] = sizes;
        }

        return node;
    }

    /// <summary>
    /// One strategy's report from the Engine's statistics (cancelled repetitions left out, medians
    /// of wall and CPU, task totals); a strategy whose every repetition was cancelled reports how
    /// far they got, with the check "cancelled".
    /// </summary>
    private static BenchStrategyReport Summarise(StrategyStatistics statistics, IReadOnlyList<StrategyResult> repetitions)
    {
        var figures = RunFigures.Figures(statistics, repetitions);
        var shown = statistics.Wall is null ? repetitions : repetitions.Where(r => !r.Cancelled).ToList();

        // The spans shown are those of the repetition closest to the median, a typical one.
        var typical = shown.MinBy(r => Math.Abs(r.WallSeconds - figures.MedianWallSeconds))!;
        var check = figures.Cancelled ? "cancelled" : figures.OutputCheck;

        // In task order already (the recorder's are), the rows are made as the report is written.
        var ordered = BenchSpanRows.InTaskOrder(typical.Spans) ? typical.Spans : [.. typical.Spans.OrderBy(s => s.Task)];
        return new BenchStrategyReport(
            PythonTwins.StrategyOf(statistics.Strategy),
            shown.Select(r => Round(r.WallSeconds)).ToList(),
            Round(figures.MedianWallSeconds),
            Round(figures.MedianCpuSeconds),
            figures.Lanes,
            figures.TasksOk,
            figures.TasksFailed,
            check,
            new BenchSpanRows(ordered))
        {
            Runtime = PythonTwins.RuntimeOf(statistics.Strategy),
            OutputDigest = repetitions.FirstOrDefault(r => r.IsMeasured) is { } first ? OutputDigest(first) : null,
            Counters = typical.Counters,
            TimeSplit = statistics.TimeSplit,
            RuntimeEvents = statistics.RuntimeEvents,
            PeakWorkingSetMb = Math.Round(typical.PeakMemoryBytes / 1048576.0, 1),
            BytesPerTask = typical.BytesPerTask(),
        };
    }

    /// <summary>SHA-256 (first 16 hex digits) over each task's output in task order, one line each.</summary>
    public static string OutputDigest(StrategyResult repetition)
    {
        // Hashed line by line: a million outputs never become one string.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var first = true;
        var spans = repetition.Spans;
        foreach (var span in BenchSpanRows.InTaskOrder(spans) ? spans : (IEnumerable<TaskSpan>)spans.OrderBy(s => s.Task))
        {
            if (!first)
            {
                hash.AppendData("\n"u8);
            }

            first = false;
            hash.AppendData(Encoding.UTF8.GetBytes(span.Status == Engine.Running.TaskStatus.Ok ? span.Detail ?? "" : ""));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static BenchStrategyReport WithLimit(BenchStrategyReport report, StrategyLimit? limit) => limit is null
        ? report
        : report with { LimitSeconds = Round(limit.LimitSeconds), OfLimit = limit.OfLimit is { } of ? Math.Round(of, 4) : null };

    private static BenchStrategyReport WithPrediction(BenchStrategyReport report, PredictionCheck? check) => check is null
        ? report
        : report with
        {
            PredictedSeconds = Round(check.PredictedSeconds),
            PredictionError = check.Error is { } error ? Math.Round(error, 4) : null,
        };

    internal static string StatusId(Engine.Running.TaskStatus status) => status switch
    {
        Engine.Running.TaskStatus.Ok => "ok",
        Engine.Running.TaskStatus.Failed => "failed",
        _ => "cancelled",
    };

    private static double Round(double seconds) => Math.Round(seconds, 6);
}
