using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Where the app writes: runs' output folders, logs, the database, sign-in keys, calibration.
/// Configuration "Dashboard:DataDirectory" (absolute, or relative to the content root); default
/// "data" under the content root. Tests point it at a temporary folder. Only the app's user may
/// read it: the folder is made 0700 and new files in it are 0600 (<see cref="PrivateFiles"/>);
/// <see cref="TightenExisting"/> brings a folder from an older version to the same modes.
/// </summary>
public sealed class DataFolder
{
    public const string ConfigurationKey = "Dashboard:DataDirectory";

    /// <summary>Folders whose files hold what only the app may read: the log, the sign-in keys, the calibration.</summary>
    private static readonly string[] PrivateSubfolders = ["logs", "keys", "calibration"];

    public DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, environment.ContentRootPath);
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Root, PrivateFiles.DirectoryMode);
            PrivateFiles.Tighten(Root);
        }
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

    /// <summary>
    /// Makes the data folder, its files (the database and its journals, the name files) and its
    /// log, key, calibration and runs folders owner-only (0700 folders, 0600 files), as an older
    /// version may have left them readable by everyone. Links are never followed nor changed.
    /// </summary>
    /// <returns>What was tightened, and what was found that should not be there (a link).</returns>
    public (IReadOnlyList<string> Tightened, IReadOnlyList<string> Unexpected) TightenExisting()
    {
        var tightened = new List<string>();
        var unexpected = new List<string>();
        if (!OperatingSystem.IsLinux() || !Directory.Exists(Root))
        {
            return (tightened, unexpected);
        }

        void Visit(string path, bool descend)
        {
            switch (PrivateFiles.Lstat(path)?.Kind)
            {
                case FileKind.SymbolicLink:
                    unexpected.Add(path);
                    return;
                case FileKind.Directory when descend:
                    foreach (var entry in Directory.EnumerateFileSystemEntries(path))
                    {
                        Visit(entry, descend: false);
                    }

                    break;
            }

            if (PrivateFiles.Tighten(path))
            {
                tightened.Add(path);
            }
        }

        Visit(Root, descend: false);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Root))
        {
            Visit(entry, descend: PrivateSubfolders.Contains(Path.GetFileName(entry), StringComparer.Ordinal));
        }

        return (tightened, unexpected);
    }
}
