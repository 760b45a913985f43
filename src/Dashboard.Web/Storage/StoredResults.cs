using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Storage;

/// <summary>The live feed's <see cref="IStoredResults"/>: a stored run's results read from the store.</summary>
internal sealed class StoredResults(IRunStore store) : IStoredResults
{
    public async Task<IReadOnlyList<StrategyResult>?> GetAsync(long runId, CancellationToken cancellationToken) =>
        (await store.GetAsync(runId, cancellationToken).ConfigureAwait(false))?.Run.Results;
}
