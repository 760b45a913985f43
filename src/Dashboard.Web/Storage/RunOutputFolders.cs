using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>
/// The runs' output folders, on disk (data/runs/{id}) and in memory (<see cref="RunOutputLocations"/>):
/// a run's files go when the run goes (delete, retention), and folders of runs the store no longer
/// has are swept at start, in both places.
/// </summary>
public sealed class RunOutputFolders(RunOutputLocations locations, ILogger<RunOutputFolders> logger)
{
    /// <summary>Ids of the runs that have an output folder (on disk, in memory or both).</summary>
    public IReadOnlyList<long> List()
    {
        var ids = new SortedSet<long>();
        foreach (var parent in locations.Parents.Where(Directory.Exists))
        {
            foreach (var folder in Directory.EnumerateDirectories(parent))
            {
                if (long.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    ids.Add(id);
                }
            }
        }

        return [.. ids];
    }

    /// <summary>Removes the run's output folders (up to thousands of files) off the caller's thread; false when there was none.</summary>
    public async Task<bool> DeleteAsync(long runId, CancellationToken cancellationToken)
    {
        var removed = false;
        foreach (var output in Enum.GetValues<LabOutput>())
        {
            removed |= await DeleteAsync(runId, locations.DirectoryFor(runId, output), cancellationToken);
        }

        return removed;
    }

    private async Task<bool> DeleteAsync(long runId, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            return false;
        }

        try
        {
            await Task.Run(() => Directory.Delete(folder, recursive: true), cancellationToken);
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
}
