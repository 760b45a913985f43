using Dashboard.Cluster.Hosting;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>Files a test's cluster needs, in a private temp folder deleted at dispose.</summary>
public sealed class ClusterFiles : IDisposable
{
    private ClusterFiles(string folder, string path)
    {
        Folder = folder;
        Path = path;
    }

    public string Folder { get; }

    /// <summary>The file (certificate and key, PEM, 0600).</summary>
    public string Path { get; }

    /// <summary>A fresh cluster certificate, as an operator makes one for redis membership.</summary>
    public static ClusterFiles Certificate()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-node-tests-").FullName;
        var path = System.IO.Path.Combine(folder, "cluster.pem");
        using var certificate = ClusterCertificate.Create(TimeSpan.FromDays(1));
        ClusterCertificate.Write(certificate, path);
        return new ClusterFiles(folder, path);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
