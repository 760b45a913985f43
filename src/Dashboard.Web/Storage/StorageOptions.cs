namespace Dashboard.Web.Storage;

/// <summary>
/// The "Storage" configuration section. The connection string is "ConnectionStrings:Dashboard";
/// without one, SQLite uses dashboard.db in the data folder ("Dashboard:DataDirectory").
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "Dashboard";
    public const string SqliteFileName = "dashboard.db";
    public const int MaxMaxRuns = 1_000_000;
    public const int MinMaxEventsPerRun = 100;
    public const int MaxMaxEventsPerRun = 100_000_000;

    /// <summary>The default of <see cref="MaxEventsPerRun"/>: ten repetitions of a million-task run (Runs:MaxTasksPerRun), every span.</summary>
    public const int DefaultMaxEventsPerRun = 10_000_000;
    public const long MinMaxStoredBytes = 1L << 20;
    public const long MaxMaxStoredBytes = 1L << 40;

    /// <summary>sqlite (default) or postgres.</summary>
    public string Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Runs made here kept; the oldest finished ones beyond this are deleted after each save.</summary>
    public int MaxRuns { get; set; } = 1_000;

    /// <summary>Imported runs kept, apart from <see cref="MaxRuns"/>, so imports never evict runs made here.</summary>
    public int MaxImportedRuns { get; set; } = 200;

    /// <summary>
    /// Task spans stored per run: by default every task of ten repetitions of a million-task run
    /// (Runs:MaxTasksPerRun), about 245 MB at 24.5 bytes per span, which Storage:MaxStoredBytes
    /// counts. Only a larger run stores an evenly spread sample of this many and is flagged as
    /// sampled (its statistics stay exact: they come from the per-repetition results).
    /// </summary>
    public int MaxEventsPerRun { get; set; } = DefaultMaxEventsPerRun;

    /// <summary>
    /// Bytes the finished runs may take together, as the store counts them (span blobs, JSON,
    /// texts, a fixed cost per row); beyond it the oldest finished runs are deleted after each
    /// save. The newest finished run is always kept, whatever its size.
    /// </summary>
    public long MaxStoredBytes { get; set; } = 2L << 30;
}
