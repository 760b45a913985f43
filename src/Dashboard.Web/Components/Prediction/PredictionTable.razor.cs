using System.Globalization;
using Dashboard.Engine.Prediction;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Prediction;

/// <summary>
/// The run page's "Predicted vs measured" (<see cref="RunPrediction.Check"/> over the page's results,
/// the same input as the findings, <see cref="RunFindings.Input"/>): recomputed only when another
/// repetition has ended or the environment arrived, so a finished run and a live one read the same.
/// </summary>
public sealed partial class PredictionTable
{
    private IReadOnlyList<PredictionRows.Row> _rows = [];
    private string _basis = "";
    private string? _summary;
    private bool _needsSequential;
    private int _results = -1;
    private RunEnvironment? _environmentSeen;
    private Engine.Findings.FindingInput? _inputSeen;

    /// <summary>The page's folded run.</summary>
    [Parameter, EditorRequired]
    public LiveRunModel Model { get; set; } = default!;

    /// <summary>Where the run ran (cores, the calibration), once known.</summary>
    [Parameter]
    public RunEnvironment? Environment { get; set; }

    /// <summary>
    /// The finders' input (statistics and limits) of the page's shared analysis of these results and
    /// environment (<see cref="RunAnalysisCache"/>); null: computed here. Ten pages each computing the
    /// statistics of a 10,000-task run again in their results render held the end's renders for seconds.
    /// </summary>
    [Parameter]
    public Engine.Findings.FindingInput? Input { get; set; }

    /// <summary>The checks shown now (component tests read them).</summary>
    internal IReadOnlyList<PredictionCheck> Checks { get; private set; } = [];

    protected override void OnParametersSet()
    {
        var results = Model.Results;
        if (results.Count == _results && ReferenceEquals(Environment, _environmentSeen) && ReferenceEquals(Input, _inputSeen))
        {
            return;
        }

        _results = results.Count;
        _environmentSeen = Environment;
        _inputSeen = Input;
        var input = Input ?? RunFindings.Input(Model.Run.Plan, Environment, results);
        Checks = RunPrediction.Check(input, Environment?.Calibration);
        _rows = [.. Checks.Select(c => new PredictionRows.Row(c.Prediction, c.MeasuredSeconds, c.Error))];
        _needsSequential = Checks.Count == 0 && results.Any(r => r.IsMeasured && !StrategyCatalog.IsBaseline(r.Strategy));
        _basis = Checks.Count == 0 ? "" : Basis(Checks[0].Prediction.Assumptions, PredictionOverheads.From(results), Model.Run.Plan.Strategies);
        var errors = Checks.Where(c => c.Error is not null).Select(c => Math.Abs(c.Error!.Value)).ToList();
        _summary = errors.Count == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"|error| over {Fmt.Plural(errors.Count, "strategy", "strategies")}: median {Quantiles.Median(errors) * 100:0}%, worst {errors.Max() * 100:0}%.");
    }

    /// <summary>What every row started from, in one sentence.</summary>
    internal static string Basis(PredictionAssumptions a, PredictionOverheads overheads, IReadOnlyList<string> strategies)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"From this run's sequential: {SecondsText.Format(a.CpuSeconds)} of computing (on a core, or ready and waiting for one) and {SecondsText.Format(a.WaitSeconds)} of waiting over its tasks ({Fmt.Percent(a.CpuShare)} computing), shared out by each strategy's lanes and cores.");
        if (strategies.Any(s => StrategyCatalog.PlacementOf(s) == StrategyPlacement.WorkerProcesses))
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $" Worker processes: start {SecondsText.Format(overheads.WorkerStartSeconds)}, {SecondsText.Format(overheads.TransferSeconds)} per trip ({overheads.Source}).");
        }

        return text + " Error = (predicted − measured) / measured.";
    }
}
