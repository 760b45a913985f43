using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Security;

/// <summary>
/// At start: the data folder and what it holds are made owner-only (<see cref="DataFolder.TightenExisting"/>),
/// and the log says what was tightened and what was found there that should not be (a link).
/// </summary>
internal sealed class DataFolderPermissions(DataFolder data, ILogger<DataFolderPermissions> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var (tightened, unexpected) = data.TightenExisting();
        if (tightened.Count > 0)
        {
            logger.LogWarning("Made {Count} entries of the data folder {Folder} readable by this user only (files 0600, folders 0700): {Paths}",
                tightened.Count, data.Root, string.Join(", ", tightened.Take(20)));
        }

        foreach (var path in unexpected)
        {
            logger.LogWarning("Unexpected link {Path} in the data folder: it is neither followed nor changed", path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
