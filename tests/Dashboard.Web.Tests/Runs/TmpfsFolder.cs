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
    /// Makes <paramref name="path"/> and each of its missing parents as the app makes its memory
    /// folders: owner-only (0700). The app counts only such a folder as its own; a plain CreateDirectory
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
            // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: the parents
            // it makes follow the umask (0755 when no web app was built yet in this process, so the
            // app's folder and its runs folder were not "private" and the app left them alone:
            // SaveAsync_BeyondMaxRuns_EvictedRunsMemoryFolderRemoved failed when it ran first).
            var missing = new Stack<string>();
            for (var folder = System.IO.Path.GetFullPath(path); !Directory.Exists(folder); folder = System.IO.Path.GetDirectoryName(folder)!)
            {
                missing.Push(folder);
            }

            while (missing.TryPop(out var folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
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
