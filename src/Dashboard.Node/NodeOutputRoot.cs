namespace Dashboard.Node;

/// <summary>
/// The node's output root: the configured folder (made 0700 when missing), or a fresh private temp
/// folder that goes when the node stops.
/// </summary>
internal sealed class NodeOutputRoot : IDisposable
{
    private readonly bool _owned;

    private NodeOutputRoot(string path, bool owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    public static NodeOutputRoot Open(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return new NodeOutputRoot(Directory.CreateTempSubdirectory("dashboard-node-").FullName, owned: true);
        }

        Cluster.Nodes.PrivateDirectory.Create(configured);
        return new NodeOutputRoot(System.IO.Path.GetFullPath(configured), owned: false);
    }

    public void Dispose()
    {
        if (_owned)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a task still writing; the temp folder is the system's to clean then
            }
        }
    }
}
