using System.Globalization;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// The runs' output folders, on disk (data/runs/{id}) and in memory (<see cref="RunOutputLocations"/>):
/// a run's files go when the run goes (delete, retention), and folders of runs the store no longer
/// has are swept at start, in both places. Nothing is followed through a link: a parent that is
/// not a real folder is not looked into, an entry that is a link or a file where a run folder
/// should be is left alone and logged, and a run folder is deleted without following a link in it.
/// </summary>
public sealed class RunOutputFolders(RunOutputLocations locations, ILogger<RunOutputFolders> logger)
{
    /// <summary>Ids of the runs that have an output folder (on disk, in memory or both).</summary>
    public IReadOnlyList<long> List()
    {
        var ids = new SortedSet<long>();
        foreach (var parent in locations.ExistingParents)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(parent))
            {
                if (!long.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    continue;
                }

                if (PrivateFiles.Lstat(entry) is { Kind: FileKind.Directory })
                {
                    ids.Add(id);
                }
                else
                {
                    Unexpected(entry);
                }
            }
        }

        return [.. ids];
    }

    /// <summary>Removes the run's output folders (up to thousands of files) off the caller's thread; false when there was none.</summary>
    public async Task<bool> DeleteAsync(long runId, CancellationToken cancellationToken)
    {
        var removed = false;
        var name = runId.ToString(CultureInfo.InvariantCulture);
        foreach (var parent in locations.ExistingParents)
        {
            removed |= await DeleteAsync(runId, Path.Combine(parent, name), cancellationToken);
        }

        return removed;
    }

    private async Task<bool> DeleteAsync(long runId, string folder, CancellationToken cancellationToken)
    {
        switch (PrivateFiles.Lstat(folder)?.Kind)
        {
            case null:
                return false;
            case FileKind.Directory:
                break;
            default:
                Unexpected(folder);
                return false;
        }

        try
        {
            await Task.Run(() => PrivateFiles.DeleteTree(folder), cancellationToken);
            logger.LogInformation("Run {RunId}: removed output folder {Folder}", runId, folder);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The run's record is gone either way; a folder left behind is swept at the next start.
            logger.LogWarning(ex, "Run {RunId}: could not remove output folder {Folder}", runId, folder);
            return false;
        }
    }

    private void Unexpected(string path) =>
        logger.LogWarning("Unexpected {Path} among the runs' output folders: a {Kind}, not a folder; it is left alone and nothing is followed through it",
            path, PrivateFiles.Lstat(path)?.Kind.ToString() ?? "vanished entry");
}
