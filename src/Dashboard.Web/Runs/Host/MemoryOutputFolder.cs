using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// The app's own folder under the memory outputs' tmpfs (/dev/shm, where every user may write):
/// "concurrency-dashboard-{hash of the data folder}-{random}", made by the app with mkdir and mode
/// 0700, so nobody can guess its name before it exists, plant a link there, or put anything in it.
/// Its name is kept in the data folder (owner-only), so a restart finds its runs' outputs again.
/// Before it is used it must still be a real folder of this user with mode 0700 (lstat); when it
/// is not (a link, someone else's, other permissions), the app says so in the log, never touches
/// it, and makes a new folder.
/// </summary>
public sealed partial class MemoryOutputFolder
{
    /// <summary>The file in the data folder that names the current folder.</summary>
    public const string NameFile = "memory-outputs-folder";

    private const string Prefix = "concurrency-dashboard-";

    private readonly Lock _gate = new();
    private readonly string _tmpfs;
    private readonly string _nameFile;
    private readonly string _hash;
    private readonly ILogger? _logger;
    private string _name;

    public MemoryOutputFolder(DataFolder data, string tmpfs, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        // A bad setting is refused at start (ValidateMemoryOutputsOptions); never throw here for it.
        _tmpfs = Path.IsPathFullyQualified(tmpfs ?? "") ? Path.GetFullPath(tmpfs!) : "/dev/shm";
        _nameFile = Path.Combine(data.Root, NameFile);
        _hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data.Root)))[..12];
        _logger = logger;
        _name = ReadName() ?? NewName();
    }

    /// <summary>The app's folder (which may not exist yet).</summary>
    public string AppFolder
    {
        get
        {
            lock (_gate)
            {
                return Path.Combine(_tmpfs, _name);
            }
        }
    }

    /// <summary>The folder that holds the run folders: {app folder}/runs.</summary>
    public string RunsFolder => Path.Combine(AppFolder, "runs");

    /// <summary>True when the app's folder and its runs folder exist and are this user's, mode 0700, no links.</summary>
    public bool IsReady
    {
        get
        {
            var app = AppFolder;
            return PrivateFiles.IsPrivateDirectory(app) && PrivateFiles.IsPrivateDirectory(Path.Combine(app, "runs"));
        }
    }

    /// <summary>
    /// Makes sure the folder is there and private, making a new one when needed; null when it is,
    /// else why it could not be made (for the "output" problem).
    /// </summary>
    public string? Prepare()
    {
        lock (_gate)
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var app = Path.Combine(_tmpfs, _name);
                try
                {
                    if (Usable(app) && Usable(Path.Combine(app, "runs")))
                    {
                        return null;
                    }
                }
                catch (IOException ex)
                {
                    return $"The memory outputs' folder {app} could not be made: {ex.Message}";
                }

                // Something that is not ours (or not as we left it) holds the name: leave it, take another.
                _name = NewName();
            }

            return $"No private folder could be made under {_tmpfs} for the memory outputs (see the log).";
        }
    }

    /// <summary>True when <paramref name="path"/> is (or now was made) a private folder; false, logged, when something else is there.</summary>
    private bool Usable(string path)
    {
        if (PrivateFiles.TryCreateDirectory(path))
        {
            return true;
        }

        if (PrivateFiles.IsPrivateDirectory(path))
        {
            return true;
        }

        var facts = PrivateFiles.Lstat(path);
        _logger?.LogWarning(
            "Unexpected {Path} in the memory outputs' folder: a {Kind} of user {Owner} with mode {Mode} where the app keeps a folder of its own (mode 700); it is left alone and another folder is used",
            path, facts?.Kind.ToString() ?? "vanished entry", facts?.OwnerId, facts is null ? "-" : Convert.ToString((int)facts.Permissions, 8));
        return false;
    }

    private string NewName()
    {
        var name = Prefix + _hash + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        try
        {
            // Written before the folder is made: a crash in between leaves a name whose folder is simply made later.
            File.WriteAllText(_nameFile, name);
            PrivateFiles.Tighten(_nameFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without the file a restart makes a new folder; the old one goes when the tmpfs is cleared.
            _logger?.LogWarning(ex, "Could not keep the memory outputs' folder name in {File}", _nameFile);
        }

        return name;
    }

    private string? ReadName()
    {
        try
        {
            var name = File.Exists(_nameFile) ? File.ReadAllText(_nameFile).Trim() : null;
            return name is not null && NamePattern().IsMatch(name) && name.StartsWith(Prefix + _hash + "-", StringComparison.Ordinal) ? name : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex("^concurrency-dashboard-[0-9a-f]{12}-[0-9a-f]{32}$")]
    private static partial Regex NamePattern();
}
