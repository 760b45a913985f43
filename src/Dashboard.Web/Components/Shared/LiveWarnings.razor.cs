using Dashboard.Engine.Findings;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Dashboard.Web.Runs.Host;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The live page's warnings: the Engine's findings (<see cref="RunFindings"/>, through the run's shared <see cref="RunAnalysisCache"/>) over the repetitions
/// the page has folded in so far, recomputed only when another repetition has ended (or the run's
/// environment arrived), so they appear as they fire; each opens to its why and what to do.
/// </summary>
public sealed partial class LiveWarnings
{
    private IReadOnlyList<Finding> _findings = [];
    private int _results = -1;
    private RunEnvironment? _environmentSeen;

    /// <summary>The page's folded run (results arrive as each strategy's repetition ends).</summary>
    [Parameter, EditorRequired]
    public LiveRunModel Model { get; set; } = default!;

    /// <summary>Where the run ran (cores, the targets' latency, the calibration, its files' place), once known.</summary>
    [Parameter]
    public RunEnvironment? Environment { get; set; }

    [Inject]
    private RunAnalysisCache Analyses { get; set; } = default!;

    /// <summary>The findings shown now (component tests read it).</summary>
    internal IReadOnlyList<Finding> Findings => _findings;

    protected override void OnParametersSet()
    {
        var results = Model.Results;
        if (results.Count == _results && ReferenceEquals(Environment, _environmentSeen))
        {
            return;
        }

        _results = results.Count;
        _environmentSeen = Environment;
        _findings = Analyses.Get(Model.Run.Id, Model.Run.Plan, Environment, results).Findings;
    }
}
