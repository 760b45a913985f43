namespace Dashboard.Engine.Findings;

/// <summary>
/// The one list of finders (BenchmarkDotNet's DefaultConfig names each analyser once): the app's
/// live page, Explain, the API and the bench all run this list and nothing else.
/// </summary>
public static class FindingCatalog
{
    /// <summary>Every finder, in the order the warnings reference lists them.</summary>
    public static IReadOnlyList<IFinder> All { get; } =
    [
        new FailuresFinder(),
        new SyncOverAsyncFinder(),
        new PoolStarvationFinder(),
        new LockContentionFinder(),
        new BlockingGrainFinder(),
        new GilBoundFinder(),
        new TasksTooShortFinder(),
        new StartupDominatesFinder(),
        new UnevenSharesFinder(),
        new KernelBoundFinder(),
    ];

    /// <summary>Every rule, in catalogue order.</summary>
    public static IReadOnlyList<FindingRule> Rules { get; } = [.. All.Select(f => f.Rule)];

    private static readonly Dictionary<string, FindingRule> ById = Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with this id, or null.</summary>
    public static FindingRule? Rule(string id) => ById.GetValueOrDefault(id);

    /// <summary>
    /// Every finding on the run, ranked: errors before warnings before notes, then by the share of
    /// the strategy's time or work each accounts for, then in catalogue order.
    /// </summary>
    public static IReadOnlyList<Finding> Run(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return All.SelectMany((finder, order) => finder.Find(run).Select(f => (Finding: f, Order: order)))
            .OrderByDescending(f => f.Finding.Severity)
            .ThenByDescending(f => f.Finding.Weight)
            .ThenBy(f => f.Order)
            .Select(f => f.Finding)
            .ToList();
    }
}
