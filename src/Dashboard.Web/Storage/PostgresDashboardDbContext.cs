using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Storage;

/// <summary>The PostgreSQL flavour of the schema (timestamptz columns; the store writes UTC only).</summary>
public sealed class PostgresDashboardDbContext(DbContextOptions<PostgresDashboardDbContext> options) : DashboardDbContext(options);
