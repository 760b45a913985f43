using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>
/// The store with its <see cref="IRunStoreListener"/>s: every write is reported after it is done
/// (whatever page, API or import made it), so a read that raced with the write either sees the new
/// data or is not kept by a listener's cache. A write names the run it wrote; the runs retention
/// deleted on the way are named one by one (<see cref="RunStore.Pruned"/>), so a save of one run
/// never drops another run's cached analysis.
/// </summary>
internal sealed class ListenedRunStore : IRunStore
{
    private readonly RunStore _inner;
    private readonly IRunStoreListener[] _listeners;

    public ListenedRunStore(RunStore inner, IEnumerable<IRunStoreListener> listeners)
    {
        _inner = inner;
        _listeners = [.. listeners];
        _inner.Pruned += RunChanged;
        foreach (var listener in _listeners)
        {
            listener.Attached();
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => _inner.InitializeAsync(cancellationToken);

    public async Task<bool> SaveAsync(RunSummary run, RunEnvironment? environment, bool imported, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.SaveAsync(run, environment, imported, cancellationToken);
        }
        finally
        {
            RunChanged(run.Id);
        }
    }

    public async Task<bool> SaveStateAsync(RunSummary run, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.SaveStateAsync(run, cancellationToken);
        }
        finally
        {
            RunChanged(run.Id);
        }
    }

    public async Task<bool> AppendResultAsync(RunSummary run, int ordinal, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.AppendResultAsync(run, ordinal, cancellationToken);
        }
        finally
        {
            RunChanged(run.Id);
        }
    }

    public Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken) => _inner.ListIdsAsync(cancellationToken);

    public Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken) => _inner.GetAsync(id, cancellationToken);

    public Task<StoredRun?> GetForExportAsync(long id, CancellationToken cancellationToken) => _inner.GetForExportAsync(id, cancellationToken);

    public Task<RunPage> ListAsync(RunFilter filter, int skip, int take, CancellationToken cancellationToken) =>
        _inner.ListAsync(filter, skip, take, cancellationToken);

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.DeleteAsync(id, cancellationToken);
        }
        finally
        {
            RunChanged(id);
        }
    }

    public async Task<bool> SetLabelAsync(long id, string? label, CancellationToken cancellationToken)
    {
        try
        {
            return await _inner.SetLabelAsync(id, label, cancellationToken);
        }
        finally
        {
            RunChanged(id);
        }
    }

    public Task<long> GetMaxIdAsync(CancellationToken cancellationToken) => _inner.GetMaxIdAsync(cancellationToken);

    private void RunChanged(long id)
    {
        foreach (var listener in _listeners)
        {
            listener.RunChanged(id);
        }
    }
}
