using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Prediction;

/// <summary>
/// The one path from results to predictions, for the bench, the live and finished run page and the
/// Run page: each strategy's wall predicted from its runtime's sequential (the repetition closest to
/// the sequential's median) by <see cref="WallPredictor"/>, and, after a run, set beside the
/// strategy's measured median.
/// </summary>
public static class RunPrediction
{
    /// <summary>
    /// Every strategy of the run but the baselines, predicted and measured, in the run's order; empty
    /// when the run has no sequential with a measured time split. Worker start and per-task trips come
    /// from the run's own worker-process repetitions (<see cref="PredictionOverheads.From"/>) unless
    /// <paramref name="overheads"/> is given.
    /// </summary>
    /// <param name="calibration">The CPU calibration of the run's arithmetic; null to share CPU work by lanes.</param>
    public static IReadOnlyList<PredictionCheck> Check(FindingInput run, CpuCalibration? calibration = null, PredictionOverheads? overheads = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var measured = overheads ?? PredictionOverheads.From(run.Results);
        return [.. run.Statistics
            .Select(s => Predict(run, s.Strategy, measured, calibration) is { } prediction ? new PredictionCheck(prediction, s.Wall?.Median) : null)
            .OfType<PredictionCheck>()];
    }

    /// <summary>
    /// Predictions before a run: <paramref name="strategies"/> (baselines left out) from an earlier
    /// run of the same plan; empty when <paramref name="earlier"/> holds no measured sequential with a
    /// time split. Overheads come from the earlier run's worker processes, else the defaults.
    /// </summary>
    /// <param name="earlier">The earlier run's repetitions.</param>
    /// <param name="strategies">The result keys to predict (a Python twin's needs the earlier run's Python sequential).</param>
    public static IReadOnlyList<StrategyPrediction> Before(
        WorkloadParameters parameters, IReadOnlyList<StrategyResult> earlier, IEnumerable<string> strategies, StrategyOptions options, int cores,
        CpuCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var run = FindingInput.Create(parameters, options, cores, earlier);
        var overheads = PredictionOverheads.From(earlier);
        return [.. strategies.Select(key => Predict(run, key, overheads, calibration)).OfType<StrategyPrediction>()];
    }

    /// <summary>True when <paramref name="earlier"/> has a .NET sequential repetition the predictions can start from.</summary>
    public static bool CanPredictFrom(IReadOnlyList<StrategyResult> earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return earlier.Any(r => r.IsMeasured && r.Strategy == StrategyCatalog.Baseline.Id && PredictionBasis.Of(r) is not null);
    }

    // A key's prediction from its runtime's typical sequential; null for a baseline or without one.
    private static StrategyPrediction? Predict(FindingInput run, string key, PredictionOverheads overheads, CpuCalibration? calibration) =>
        StrategyCatalog.IsBaseline(key) || run.BaselineOf(key) is not { } baseline
            || run.Typical(baseline.Strategy) is not { } sequential || PredictionBasis.Of(sequential) is not { } basis
            ? null
            : WallPredictor.Predict(key, basis, run.Options, run.Cores, overheads, calibration);
}
