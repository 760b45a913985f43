using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Host;

namespace Dashboard.Web.Components.Pages;

/// <summary>What the live page derives from its model: the figures, findings and sentences of the run (computed once per run and shared).</summary>
public sealed partial class LiveRunPage
{
    /// <summary>
    /// Recomputes what derives from the model: the clock, the race's figures as repetitions end, and
    /// once finished, figures and sentences. A run that finished while watched shows its finished
    /// state at once; its results follow when <see cref="ExplainFinishedAsync"/> has the shared analysis.
    /// </summary>
    private void Refresh()
    {
        _now = Time.GetUtcNow();
        Announce();
        if (_model is not { } model || _explained)
        {
            return;
        }

        if (!model.Run.IsFinished)
        {
            if (model.Results.Count != _raceFiguresOf)
            {
                _raceFiguresOf = model.Results.Count;
                _ = RaceFiguresAsync(model, model.Results.Count);
            }

            return;
        }

        if (_stored is null)
        {
            if (!_environmentAsked)
            {
                _environmentAsked = true;
                _ = ExplainFinishedAsync(model);
            }

            return;
        }

        Apply(Analyses.Get(model.Run.Id, model.Run.Plan, _stored.Environment, model.Results));
    }

    /// <summary>
    /// The race's figures and the warnings' findings as a repetition ends: the analysis every watching
    /// page shares, awaited off the circuit (ten pages never hold ten threads, nor their renders, on it).
    /// </summary>
    private async Task RaceFiguresAsync(LiveRunModel model, int repetitions)
    {
        RunAnalysis live;
        try
        {
            live = await Analyses.GetAsync(model.Run.Id, model.Run.Plan, null, model.Results);
        }
        catch (Exception e) when (!_disposed.IsCancellationRequested)
        {
            // The race keeps its clocks and counts; the finished run's analysis says what failed.
            Logger.LogWarning(e, "Run {RunId}: the race's figures could not be computed", Id);
            return;
        }

        await InvokeAsync(() =>
        {
            // A later repetition's, or the finished run's, analysis may have come first.
            if (!ReferenceEquals(_model, model) || _explained || _raceFiguresOf != repetitions)
            {
                return;
            }

            _raceFigures = live.Figures;
            _findings = live.Findings;
            StateHasChanged();
        });
    }

    /// <summary>Figures, limits, findings and the sweep from one analysis, computed once for every page that shows this run.</summary>
    private void Apply(RunAnalysis analysis)
    {
        _figures = analysis.Figures;
        _raceFigures = analysis.Figures;
        _findings = analysis.Findings;
        _statistics = analysis.Statistics;
        _findingInput = analysis.Input;
        _limits = analysis.Limits;
        _scaling = analysis.Scaling;
        _explanation = analysis.Explanation;
        _explained = true;
    }

    /// <summary>
    /// A run that finished while watched: its environment (knobs, CPU calibration; the limits use it)
    /// comes from the live run, which has it as the end is published (before the store's save); the
    /// store is read only when memory has forgotten it. The analysis is the one every page shares,
    /// computed once on the thread pool while this page's circuit holds no thread; the results then
    /// render in one pass, charts included.
    /// </summary>
    private async Task ExplainFinishedAsync(LiveRunModel model)
    {
        var environment = Feed.EnvironmentOf(Id);
        if (environment is null)
        {
            try
            {
                // Only the environment is needed: the spans stay in the store, undecoded.
                environment = (await History.FindForExportAsync(Id, _disposed.Token))?.Environment;
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                // The page went away.
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // Without it the results come without the limits that need it.
                Logger.LogWarning(e, "Run {RunId}: could not read its environment for the limits", Id);
            }
        }

        var (run, results) = (model.Run, model.Results);
        RunAnalysis analysis;
        try
        {
            analysis = await Analyses.GetAsync(run.Id, run.Plan, environment, results);
        }
        catch (Exception e) when (!_disposed.IsCancellationRequested)
        {
            Logger.LogError(e, "Run {RunId}: its results could not be analysed", Id);
            // No results will come: the timelines' held end goes on.
            _timelineFeed?.ResultsShown();
            await InvokeAsync(() =>
            {
                _feedError = "The run's results could not be analysed; reload the page to try again.";
                StateHasChanged();
            });
            return;
        }

        await InvokeAsync(() =>
        {
            if (!ReferenceEquals(_model, model))
            {
                return;
            }

            _environment = environment;
            Apply(analysis);
            Telemetry.RunEndSteps.Mark(Telemetry.RunEndSteps.PageResults, run.Id);
            StateHasChanged();
        });
    }
}
