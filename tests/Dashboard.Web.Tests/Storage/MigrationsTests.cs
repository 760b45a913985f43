using Dashboard.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Each provider's migrations match the model (a model change without a migration fails here).</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_CurrentModel_HaveNoPendingChanges()
    {
        using var context = new SqliteDashboardDbContext(
            new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(context.Database.HasPendingModelChanges());
        Assert.NotEmpty(context.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_CurrentModel_HaveNoPendingChangesAndScriptCreatesTables()
    {
        using var context = new PostgresDashboardDbContext(
            new DbContextOptionsBuilder<PostgresDashboardDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.False(context.Database.HasPendingModelChanges());
        // Generating the script needs no server: it proves the PostgreSQL set is complete and well-typed.
        var script = context.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE runs", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE task_spans", script, StringComparison.Ordinal);
        Assert.Contains("timestamp with time zone", script, StringComparison.Ordinal);
        Assert.Contains("ON DELETE CASCADE", script, StringComparison.Ordinal);
    }
}
