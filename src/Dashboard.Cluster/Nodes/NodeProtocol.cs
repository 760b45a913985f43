using System.Globalization;

namespace Dashboard.Cluster.Nodes;

/// <summary>The one line a node prints on stdout once its silo has joined: "NODE-READY name pid timestamp".</summary>
public static class NodeProtocol
{
    public const string ReadyPrefix = "NODE-READY ";

    public static string Ready(string name, int processId, long timestamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReadyPrefix}{name} {processId} {timestamp}");

    /// <summary>The ready line's timestamp, or null when <paramref name="line"/> is not one.</summary>
    public static long? ParseReady(string line)
    {
        if (!line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line.Split(' ');
        return parts.Length == 4 && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : null;
    }
}
