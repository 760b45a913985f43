using Dashboard.Engine.Statistics;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Exports;

/// <summary>
/// The full, re-importable export of one run: the run as the dashboard knows it (plan, state,
/// timestamps, every strategy repetition with all its task spans), where it ran, and the
/// statistics computed from it at export time.
/// </summary>
/// <param name="FormatVersion">Always <see cref="CurrentFormatVersion"/> when written; import rejects others.</param>
public sealed record RunDocument(
    int FormatVersion,
    DateTimeOffset ExportedAt,
    RunSummary Run,
    RunEnvironment? Environment,
    IReadOnlyList<StrategyStatistics> Statistics)
{
    /// <summary>The format this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>A document for <paramref name="run"/> with freshly computed statistics.</summary>
    public static RunDocument Create(RunSummary run, RunEnvironment? environment, DateTimeOffset exportedAt)
    {
        ArgumentNullException.ThrowIfNull(run);

        // Never the server's folder: the kind of place and its file system say what matters.
        return new RunDocument(CurrentFormatVersion, exportedAt, run, environment?.WithoutOutputFolder(), RunStatistics.Compute(run.Results));
    }
}
