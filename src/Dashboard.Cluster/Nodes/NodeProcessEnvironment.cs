using System.Diagnostics;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// The environment a local node starts with: only what the .NET runtime and the system need. The
/// app's own settings (the sign-in token, connection strings, the membership's password) stay out;
/// a node gets its settings as start arguments, and never a secret among them.
/// </summary>
internal static class NodeProcessEnvironment
{
    private static readonly string[] KeptNames = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "TMPDIR", "MALLOC_ARENA_MAX"];

    private static readonly string[] KeptPrefixes = ["DOTNET_", "LC_", "SSL_CERT_"];

    /// <summary>Removes from <paramref name="info"/>'s environment everything a node does not need.</summary>
    public static void Apply(ProcessStartInfo info)
    {
        foreach (var name in info.Environment.Keys.ToList())
        {
            if (!IsKept(name))
            {
                info.Environment.Remove(name);
            }
        }
    }

    public static bool IsKept(string name) =>
        KeptNames.Contains(name, StringComparer.Ordinal) || KeptPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
