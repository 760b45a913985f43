using System.Diagnostics;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>
/// The cluster certificate an operator makes for redis membership, with the openssl commands
/// src/Dashboard.Cluster/README.md gives, in a private temp folder deleted at dispose. A missing
/// openssl fails the test.
/// </summary>
public sealed class ClusterFiles : IDisposable
{
    private const string OpenSsl = "/usr/bin/openssl";

    private ClusterFiles(string folder, string path)
    {
        Folder = folder;
        Path = path;
    }

    public string Folder { get; }

    /// <summary>The file (certificate and key, PEM, 0600).</summary>
    public string Path { get; }

    public static ClusterFiles Certificate()
    {
        Assert.True(File.Exists(OpenSsl), $"{OpenSsl} is missing: apt-get install openssl.");
        var folder = Directory.CreateTempSubdirectory("dashboard-node-tests-").FullName;
        var certificate = System.IO.Path.Combine(folder, "cluster.crt");
        var key = System.IO.Path.Combine(folder, "cluster.key");
        Run(OpenSsl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "365",
            "-subj", "/CN=dashboard-lab", "-addext", "extendedKeyUsage=serverAuth,clientAuth", "-addext", "subjectAltName=DNS:dashboard-lab",
            "-keyout", key, "-out", certificate);
        var path = System.IO.Path.Combine(folder, "cluster.pem");
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(File.ReadAllText(certificate) + File.ReadAllText(key));
        }

        File.Delete(key);
        return new ClusterFiles(folder, path);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"{file} did not finish");
        Assert.True(process.ExitCode == 0, $"{file} failed: {errors.Result}");
    }
}
