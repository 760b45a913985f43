using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Storage;

/// <summary>Lets the store ask for "the" context while the provider-specific one is created underneath.</summary>
internal sealed class DbContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
    where TContext : DashboardDbContext
{
    public DashboardDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<DashboardDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
