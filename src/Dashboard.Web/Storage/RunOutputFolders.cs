using System.Globalization;
using Dashboard.Web.Runs;

namespace Dashboard.Web.Storage;

/// <summary>
/// The runs' output folders (<see cref="DataFolder.RunOutput"/>, data/runs/{id}): a run's files go
/// when the run goes (delete, retention), and folders of runs the store no longer has are swept at start.
/// </summary>
public sealed class RunOutputFolders(DataFolder data, ILogger<RunOutputFolders> logger)
{
    private string Parent => Path.Combine(data.Root, "runs");

    /// <summary>Ids of the runs that have an output folder.</summary>
    public IReadOnlyList<long> List()
    {
        if (!Directory.Exists(Parent))
        {
            return [];
        }

        var ids = new List<long>();
        foreach (var folder in Directory.EnumerateDirectories(Parent))
        {
            if (long.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Removes the run's output folder (up to thousands of files) off the caller's thread; false when there was none.</summary>
    public async Task<bool> DeleteAsync(long runId, CancellationToken cancellationToken)
    {
        var folder = data.RunOutput(runId);
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
