using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Storage;

/// <summary>A fresh folder under /tmp, removed afterwards (SQLite's pooled handles are closed first).</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A handle still closing; /tmp is cleaned by the OS eventually.
        }
    }
}
