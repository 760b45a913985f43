using System.Text;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Which file system holds a folder ("ext4", "tmpfs", "overlay", ...), from the kernel's own table
/// of this process's mounts (/proc/self/mountinfo): the mount whose point is the longest prefix of
/// the folder's path; of mounts stacked on one point, the last (it hides the ones below).
/// </summary>
public static class FileSystems
{
    public const string MountInfoPath = "/proc/self/mountinfo";

    /// <summary>What is said when the table cannot be read (not Linux) or names no mount.</summary>
    public const string Unknown = "unknown";

    /// <summary>File systems that keep their files in memory.</summary>
    public static bool IsMemory(string fileSystem) => fileSystem is "tmpfs" or "ramfs";

    /// <summary>The file system type holding <paramref name="path"/> (its nearest existing folder), or <see cref="Unknown"/>.</summary>
    public static string TypeOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(MountInfoPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unknown;
        }

        return TypeOf(ResolvedExisting(path), lines);
    }

    /// <summary>The type of the mount holding <paramref name="path"/> (absolute, without links) in <paramref name="mountInfo"/>'s lines.</summary>
    public static string TypeOf(string path, IEnumerable<string> mountInfo)
    {
        ArgumentNullException.ThrowIfNull(mountInfo);
        var best = -1;
        var type = Unknown;
        foreach (var line in mountInfo)
        {
            if (Parse(line) is not { } mount || !Contains(mount.Point, path) || mount.Point.Length < best)
            {
                continue;
            }

            // ">=": a later mount on the same point hides the earlier one.
            best = mount.Point.Length;
            type = mount.Type;
        }

        return type;
    }

    private static bool Contains(string mountPoint, string path) =>
        mountPoint == "/" ||
        path == mountPoint ||
        (path.StartsWith(mountPoint, StringComparison.Ordinal) && path.Length > mountPoint.Length && path[mountPoint.Length] == '/');

    /// <summary>"36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": point /mnt2, type ext3.</summary>
    private static (string Point, string Type)? Parse(string line)
    {
        var fields = line.Split(' ');
        var separator = Array.IndexOf(fields, "-");
        if (fields.Length < 5 || separator < 5 || separator + 1 >= fields.Length)
        {
            return null;
        }

        return (Unescape(fields[4]), fields[separator + 1]);
    }

    /// <summary>The kernel writes a space in a path as \040 (and tab, newline, backslash likewise in octal).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    /// <summary>The nearest existing folder of <paramref name="path"/>, with a link in its place followed.</summary>
    private static string ResolvedExisting(string path)
    {
        var current = Path.GetFullPath(path);
        while (!Directory.Exists(current) && Path.GetDirectoryName(current) is { } parent)
        {
            current = parent;
        }

        try
        {
            // e.g. /dev/shm -> /run/shm on some systems: the mount is at the target.
            if (new DirectoryInfo(current).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = target.FullName;
            }
        }
        catch (IOException)
        {
        }

        return current.Length > 1 ? current.TrimEnd('/') : current;
    }
}
