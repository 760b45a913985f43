using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Host;
namespace Dashboard.Web.Explain;

/// <summary>
/// The Engine's findings (<see cref="FindingCatalog"/>) on a run as the app knows it: its plan, the
/// environment it ran in (cores, the targets' latency, the CPU calibration, where its files went)
/// and its repetitions so far. The live page, Explain and the API ask here; the bench builds the
/// same input from its own environment.
/// </summary>
public static class RunFindings
{
    /// <summary>The finders' input for a stored or live run.</summary>
    public static FindingInput Input(RunPlan plan, RunEnvironment? environment, IReadOnlyList<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        return FindingInput.Create(plan.Parameters, plan.EffectiveOptions, environment?.CoreCount ?? Environment.ProcessorCount, results,
                RunLimits.LatencySeconds(plan.Parameters, environment?.Knobs), environment?.Calibration)
            .Placed(environment?.Outputs);
    }

    /// <summary>Every finding on the run, ranked (<see cref="FindingCatalog.Run"/>).</summary>
    public static IReadOnlyList<Finding> For(RunPlan plan, RunEnvironment? environment, IReadOnlyList<StrategyResult> results) =>
        FindingCatalog.Run(Input(plan, environment, results));

    /// <summary>The input with where the run's files went (what the kernel's share means depends on it).</summary>
    public static FindingInput Placed(this FindingInput input, OutputPlace? outputs)
    {
        ArgumentNullException.ThrowIfNull(input);
        return outputs is null ? input : input with
        {
            OutputFileSystem = outputs.FileSystem,
            OutputsInMemory = FileSystems.IsMemory(outputs.FileSystem),
        };
    }
}
