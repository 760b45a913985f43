namespace Dashboard.Engine.Findings;

/// <summary>
/// A small class with one job (BenchmarkDotNet's analysers): it reads one run's results, statistics
/// and limits, and yields its named finding for every strategy whose figures show it.
/// </summary>
public interface IFinder
{
    /// <summary>Its rule: id, severity, when it fires, why, and what to do.</summary>
    FindingRule Rule { get; }

    /// <summary>Its findings on this run, one per strategy at most; none when the figures do not show it.</summary>
    IEnumerable<Finding> Find(FindingInput run);
}
