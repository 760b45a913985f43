using System.Globalization;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// Where a node's tasks write their files: under the node's own root (Node:OutputRoot), in
/// run-{run}/rep-{repetition} (warm-ups: warmup-{n}), a folder derived from two checked integers and
/// never from text a call carried. Bounded: when a new run's folder is made, the run folders beyond
/// the newest <see cref="KeptRuns"/> go, except those of jobs still held.
/// </summary>
public sealed class NodeOutputs
{
    public const int KeptRuns = 4;
    private const string RunPrefix = "run-";
    private readonly Lock _gate = new();

    public NodeOutputs(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The node's output root (absolute).</summary>
    public string Root { get; }

    /// <summary>The folder of <paramref name="runId"/>'s repetition <paramref name="repetition"/> (not created).</summary>
    public string FolderFor(long runId, int repetition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runId, 1);
        var leaf = repetition >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"rep-{repetition}")
            : string.Create(CultureInfo.InvariantCulture, $"warmup-{-(long)repetition}");
        return Path.Combine(Root, RunFolderName(runId), leaf);
    }

    /// <summary>
    /// Creates the folder of <paramref name="runId"/>'s <paramref name="repetition"/> and, for a run
    /// not seen yet, removes the oldest run folders beyond <see cref="KeptRuns"/> that are not in <paramref name="held"/>.
    /// </summary>
    public string Create(long runId, int repetition, IReadOnlyCollection<long> held)
    {
        var folder = FolderFor(runId, repetition);
        lock (_gate)
        {
            var runFolder = Path.GetDirectoryName(folder)!;
            if (!Directory.Exists(runFolder))
            {
                PrivateDirectory.Create(runFolder);
                Prune(runId, held);
            }

            PrivateDirectory.Create(folder);
        }

        return folder;
    }

    private static string RunFolderName(long runId) => string.Create(CultureInfo.InvariantCulture, $"{RunPrefix}{runId}");

    private void Prune(long newest, IReadOnlyCollection<long> held)
    {
        var runs = new List<(long Id, DirectoryInfo Folder)>();
        foreach (var folder in new DirectoryInfo(Root).EnumerateDirectories(RunPrefix + "*"))
        {
            if (folder.LinkTarget is null
                && long.TryParse(folder.Name.AsSpan(RunPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && id != newest && !held.Contains(id))
            {
                runs.Add((id, folder));
            }
        }

        foreach (var (_, folder) in runs.OrderByDescending(r => r.Folder.CreationTimeUtc).ThenByDescending(r => r.Id).Skip(KeptRuns - 1))
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // in use or gone: the next new run tries again
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
