using Dashboard.Web.Exports;
using Dashboard.Web.Runs;
using Dashboard.Web.Storage;

namespace Dashboard.Web.Api;

/// <summary>
/// Wraps the registered <see cref="IRunStore"/> so that every write invalidates the
/// <see cref="RunDetailsCache"/> after it is done (whatever page, API or import made it): then a
/// read that raced with the write either sees the new data or is not kept.
/// </summary>
internal sealed class RunDetailsCacheInvalidation : IRunStore
{
    private readonly IRunStore _inner;
    private readonly RunDetailsCache _cache;
    private readonly Explain.RunAnalysisCache _analyses;

    public RunDetailsCacheInvalidation(IRunStore inner, RunDetailsCache cache, Explain.RunAnalysisCache analyses)
    {
        _inner = inner;
        _cache = cache;
        _analyses = analyses;
        cache.Invalidated = true;
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
            _cache.Clear();
            _analyses.Invalidate(run.Id);
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
            // A state write may apply retention to other runs too.
            _cache.Clear();
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
            _cache.Invalidate(run.Id);
        }
    }

    public Task<IReadOnlyList<long>> ListIdsAsync(CancellationToken cancellationToken) => _inner.ListIdsAsync(cancellationToken);

    public Task<StoredRun?> GetAsync(long id, CancellationToken cancellationToken) => _inner.GetAsync(id, cancellationToken);

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
            _cache.Invalidate(id);
            _analyses.Invalidate(id);
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
            _cache.Invalidate(id);
        }
    }

    public Task<long> GetMaxIdAsync(CancellationToken cancellationToken) => _inner.GetMaxIdAsync(cancellationToken);

    /// <summary>Replaces the last <see cref="IRunStore"/> registration with itself around it; no-op when none is registered yet.</summary>
    internal static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IRunStore) && !d.IsKeyedService);
        if (registered is null || registered.ImplementationType == typeof(RunDetailsCacheInvalidation))
        {
            return;
        }

        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(
            typeof(IRunStore),
            sp => new RunDetailsCacheInvalidation(Create(sp, registered), sp.GetRequiredService<RunDetailsCache>(), sp.GetRequiredService<Explain.RunAnalysisCache>()),
            registered.Lifetime));
    }

    private static IRunStore Create(IServiceProvider services, ServiceDescriptor registered) =>
        (IRunStore)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
