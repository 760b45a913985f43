using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Reads the first column of a query straight from a SQLite file (what the store really wrote).</summary>
internal static class SqliteRows
{
    public static List<string> FirstColumn(string databaseFile, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}
