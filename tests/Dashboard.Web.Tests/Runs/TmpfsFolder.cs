using System.Diagnostics;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// A fresh folder on the machine's tmpfs (/dev/shm), removed afterwards, for memory outputs. A
/// machine without a tmpfs at /dev/shm fails the tests that need one: memory outputs are the point.
/// </summary>
public sealed class TmpfsFolder : IDisposable
{
    public const string Shm = "/dev/shm";

    public TmpfsFolder()
    {
        Assert.True(Directory.Exists(Shm), $"{Shm} is missing: these tests need a tmpfs there");
        Assert.Equal("tmpfs", FindMountType(Shm));
        Path = System.IO.Path.Combine(Shm, "dashboard-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>
    /// Makes <paramref name="path"/> and its missing parents as the app makes its memory folders:
    /// owner-only (0700). The app counts only such a folder as its own; a plain CreateDirectory
    /// follows the process's umask, which is 077 only once a test in this process has built the
    /// web app (PrivateFiles.RestrictNewFiles), so a test that ran first made 0755 folders.
    /// </summary>
    public static string CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>
    /// The file system type util-linux's findmnt reports for the mount holding <paramref name="path"/>:
    /// an oracle independent of the app's own /proc/self/mountinfo reading (it reads the same table
    /// through libmount, and resolves the path itself).
    /// </summary>
    public static string FindMountType(string path)
    {
        var info = new ProcessStartInfo("findmnt") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", "-o", "FSTYPE", "-T", path })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"findmnt -T {path} exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
        // Mounts stacked on one point are all listed, in mount order; the last is the one seen.
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
