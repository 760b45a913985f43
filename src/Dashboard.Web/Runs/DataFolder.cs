namespace Dashboard.Web.Runs;

/// <summary>
/// Where the app writes: runs' output folders, logs, the database. Configuration
/// "Dashboard:DataDirectory" (absolute, or relative to the content root); default "data" under the
/// content root. Tests point it at a temporary folder.
/// </summary>
public sealed class DataFolder
{
    public const string ConfigurationKey = "Dashboard:DataDirectory";

    public DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, environment.ContentRootPath);
    }

    public DataFolder(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string Logs => Path.Combine(Root, "logs");

    /// <summary>The folder of the runs' output folders on disk.</summary>
    public string Runs => Path.Combine(Root, "runs");

    /// <summary>
    /// The output folder of one run on disk (workload files such as new_file{i}.txt land here);
    /// a run with memory outputs has its folder elsewhere (<see cref="RunOutputLocations"/>).
    /// </summary>
    public string RunOutput(long runId) => Path.Combine(Runs, runId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
