using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Explain;

/// <summary>
/// Everything derived from a run's repetitions, computed together from one <see cref="FindingInput"/>
/// (the Engine's one statistics path): statistics, figures, limits, findings, the sweep's curves
/// and the explanation. <see cref="RunAnalysisCache"/> keeps it, so every page and the API read
/// one summary of a run, as BenchmarkDotNet's exporters read one summary.
/// </summary>
/// <param name="Input">The finders' input: the statistics and limits.</param>
/// <param name="Explain">The explainer's input: figures in dashboard order, findings, curves.</param>
/// <param name="Explanation">What Explain says about the run.</param>
public sealed record RunAnalysis(FindingInput Input, ExplainInput Explain, IReadOnlyList<ExplainItem> Explanation)
{
    /// <summary>Per strategy, from <see cref="RunStatistics.Compute"/>.</summary>
    public IReadOnlyList<StrategyStatistics> Statistics => Input.Statistics;

    /// <summary>Per strategy, in dashboard order (<see cref="RunFigures"/>).</summary>
    public IReadOnlyList<StrategyFigures> Figures => Explain.Strategies;

    /// <summary>Each strategy's limit that has one.</summary>
    public IReadOnlyList<StrategyLimit> Limits => Input.Limits;

    /// <summary>The Engine's findings, ranked.</summary>
    public IReadOnlyList<Finding> Findings => Explain.Findings;

    /// <summary>The sweep's curves; empty without one.</summary>
    public IReadOnlyList<ScalingCurve> Scaling => Explain.Scaling;

    /// <summary>Computes the whole analysis: one <see cref="RunStatistics.Compute"/> for all of it.</summary>
    public static RunAnalysis Of(RunPlan plan, RunEnvironment? environment, IReadOnlyList<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var input = RunFindings.Input(plan, environment, results);
        var explain = ExplainInput.Of(plan, input);
        return new RunAnalysis(input, explain, RunExplainer.Explain(explain));
    }
}
