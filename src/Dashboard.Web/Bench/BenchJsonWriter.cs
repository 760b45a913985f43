using System.Text.Json;

namespace Dashboard.Web.Bench;

/// <summary>Writes a <see cref="BenchReport"/> as indented camelCase JSON.</summary>
public static class BenchJsonWriter
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string ToJson(BenchReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>
    /// Writes the report to <paramref name="path"/>, creating its folder, replacing the file
    /// atomically. Streamed to the file: a million spans never become one string.
    /// </summary>
    public static async Task WriteAsync(BenchReport report, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true))
        {
            await JsonSerializer.SerializeAsync(file, report, Options, cancellationToken);
        }

        File.Move(temporary, full, overwrite: true);
    }
}
