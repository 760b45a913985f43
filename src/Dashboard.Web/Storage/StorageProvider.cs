namespace Dashboard.Web.Storage;

/// <summary>The accepted values of "Storage:Provider".</summary>
public static class StorageProvider
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static bool IsPostgres(string provider) =>
        string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, "npgsql", StringComparison.OrdinalIgnoreCase);

    public static bool IsSqlite(string provider) => string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}
