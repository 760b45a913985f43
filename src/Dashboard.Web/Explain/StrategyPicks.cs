using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>
/// How the explainers pick a run's strategies: by what their descriptors say they are (where they
/// run, how they have tasks going at once), never by id, so a new strategy with the same facts
/// gets the same sentences.
/// </summary>
internal static class StrategyPicks
{
    /// <summary>In-process strategies that have tasks going at once this way.</summary>
    public static Func<StrategyDescriptor, bool> InProcess(Concurrency concurrency) =>
        d => d.Placement == StrategyPlacement.InProcess && d.Concurrency == concurrency;

    /// <summary>Worker-process strategies that have tasks going at once this way in each worker.</summary>
    public static Func<StrategyDescriptor, bool> InWorkers(Concurrency concurrency) =>
        d => d.Placement == StrategyPlacement.WorkerProcesses && d.Concurrency == concurrency;

    /// <summary>
    /// The first strategy, in dashboard order, that <paramref name="fits"/> and that this run
    /// measured (its Python twin, with <paramref name="python"/>); null when none.
    /// </summary>
    public static StrategyDescriptor? Ran(Dictionary<string, StrategyFigures> byId, Func<StrategyDescriptor, bool> fits, bool python = false) =>
        StrategyCatalog.All.Where(fits).FirstOrDefault(d => byId.ContainsKey(python ? PythonTwins.Key(d.Id) : d.Id));

    /// <summary>The figures of <see cref="Ran"/>'s strategy.</summary>
    public static StrategyFigures? Find(Dictionary<string, StrategyFigures> byId, Func<StrategyDescriptor, bool> fits, bool python = false) =>
        Ran(byId, fits, python) is { } d ? byId[python ? PythonTwins.Key(d.Id) : d.Id] : null;

    /// <summary>How many places the strategy runs its tasks in: its size knob's value (worker processes).</summary>
    public static int Workers(StrategyDescriptor descriptor, ExplainInput input) =>
        descriptor.Size?.Knob.Value(input.Options, input.Cores) ?? 1;
}
