using System.Text;
using Dashboard.Web.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Storage;

/// <summary>
/// The run history schema, shared by both providers. Each provider has its own derived context
/// (<see cref="SqliteDashboardDbContext"/>, <see cref="PostgresDashboardDbContext"/>) so each gets
/// its own generated migrations with its own column types, instead of one hand-patched set.
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RunRecord> Runs => Set<RunRecord>();

    public DbSet<StrategyResultRecord> StrategyResults => Set<StrategyResultRecord>();

    public DbSet<TaskSpanRecord> TaskSpans => Set<TaskSpanRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RunRecord>(run =>
        {
            run.ToTable("runs");
            run.HasKey(r => r.Id);
            // Ids come from the run queue so a live run and its stored row share one id.
            run.Property(r => r.Id).ValueGeneratedNever();
            run.Property(r => r.Label).HasMaxLength(Dashboard.Web.Runs.Lifecycle.RunLabel.MaxLength);
            run.Property(r => r.Workload).HasMaxLength(32);
            run.Property(r => r.Strategies).HasMaxLength(RunRecordMapper.MaxStrategiesLength);
            run.Property(r => r.State).HasMaxLength(16);
            run.Property(r => r.Error).HasMaxLength(4_000);
            run.HasIndex(r => r.State);
            run.HasIndex(r => r.Workload);
            run.HasMany(r => r.Results).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<StrategyResultRecord>(result =>
        {
            result.ToTable("strategy_results");
            result.HasKey(s => s.Id);
            result.Property(s => s.Strategy).HasMaxLength(32);
            result.Property(s => s.OutputCheck).HasMaxLength(1_000);
            result.HasIndex(s => new { s.RunId, s.Ordinal }).IsUnique();
            result.HasMany(s => s.Spans).WithOne().HasForeignKey(t => t.StrategyResultId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TaskSpanRecord>(span =>
        {
            span.ToTable("task_spans");
            span.HasKey(t => t.Id);
            span.Property(t => t.Status).HasMaxLength(16);
            span.Property(t => t.Detail).HasMaxLength(1_000);
            span.Property(t => t.Threads).HasMaxLength(TaskThreads.MaxTextLength);
            span.Property(t => t.Node).HasMaxLength(RunRecordMapper.MaxNodeLength);
            span.Property(t => t.Segments).HasMaxLength(TaskSegments.MaxTextLength);
            span.HasIndex(t => t.StrategyResultId);
        });

        // snake_case columns: PostgreSQL folds unquoted names to lower case, so this keeps
        // hand-written SQL against either database free of quotes.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
