using Dashboard.Engine.Prediction;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Prediction;

/// <summary>
/// The Run page's "Predict before running": on a click, finds an earlier run of the same plan with a
/// sequential (<see cref="EarlierSequential"/>) and predicts the ticked strategies from it
/// (<see cref="RunPrediction.Before"/>); says so when there is none.
/// </summary>
public sealed partial class PredictBeforeRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<PredictionRows.Row> _rows = [];
    private string? _message;
    private bool _busy;

    [Inject]
    private IRunQueue Queue { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>The form's workload parameters.</summary>
    [Parameter, EditorRequired]
    public WorkloadParameters Parameters { get; set; } = default!;

    /// <summary>The ticked strategies.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyCollection<string> Strategies { get; set; } = [];

    /// <summary>The form's sizes.</summary>
    [Parameter, EditorRequired]
    public StrategyOptions Options { get; set; } = new();

    [Parameter]
    public LabTargets Targets { get; set; } = LabTargets.Simulated;

    private async Task PredictAsync()
    {
        _busy = true;
        try
        {
            var earlier = await EarlierSequential.FindAsync(Queue, Services.GetService<IRunStore>(), Parameters, Targets, _stop.Token);
            if (earlier is null)
            {
                _rows = [];
                _message = "A prediction needs an earlier finished run of these same parameters with sequential in it: run sequential first, then predict.";
                return;
            }

            var keys = StrategyCatalog.Ids.Where(Strategies.Contains).ToList();
            var cores = Environment.ProcessorCount;
            var predictions = RunPrediction.Before(Parameters, earlier.Results, keys, Options, cores);
            _rows = [.. predictions.Select(p => new PredictionRows.Row(p, null, null))];
            _message = predictions.Count == 0
                ? "Tick a strategy besides sequential to predict it."
                : $"Predicted from run {earlier.Id}'s sequential, on {cores} cores. Run to check them.";
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The page went away.
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
