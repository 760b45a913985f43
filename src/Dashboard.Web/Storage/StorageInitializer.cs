namespace Dashboard.Web.Storage;

/// <summary>Creates/migrates the database when the app starts, before the first page or run needs it.</summary>
internal sealed class StorageInitializer(IRunStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
