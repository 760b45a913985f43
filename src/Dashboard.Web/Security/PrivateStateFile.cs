using System.Text.Json;
using Dashboard.Web.Runs.Host;
namespace Dashboard.Web.Security;

/// <summary>The auth state kept in the data folder (ended sessions, viewer links): owner-only files, replaced whole.</summary>
internal static class PrivateStateFile
{
    /// <summary>Writes <paramref name="value"/> as JSON beside <paramref name="path"/>, owner-only, then renames it over: a crash never leaves half a file.</summary>
    public static void Write<T>(string path, T value)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(value));
        PrivateFiles.Tighten(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
