using System.Runtime.InteropServices;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Files only the app can read, and folders it never follows a link out of. New files are made
/// owner-only (umask 077: files 0600, folders 0700); a folder the app creates where others may
/// write (/dev/shm) is created exclusively (mkdir, never reused when someone else made it first);
/// kind and owner come from lstat (statx without following a link), and a tree is deleted without
/// following any link in it. Linux only: elsewhere the checks say yes and the plain calls are used.
/// </summary>
public static partial class PrivateFiles
{
    /// <summary>Owner read/write: the database, logs, keys, calibration.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner only: the data folder and every folder in it, the memory outputs' folder.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int Eexist = 17;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    /// <summary>Everything this process creates from now on is owner-only (its child processes inherit it too).</summary>
    public static void RestrictNewFiles()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = umask(0b000_111_111);
        }
    }

    /// <summary>This process's effective user id; 0 elsewhere than on Linux.</summary>
    public static uint UserId => OperatingSystem.IsLinux() ? geteuid() : 0;

    /// <summary>What lstat says about <paramref name="path"/> itself; null when nothing is there.</summary>
    /// <exception cref="IOException">The path could not be examined (other than missing).</exception>
    public static FileFacts? Lstat(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.Exists || Directory.Exists(path)
                ? new FileFacts(info.LinkTarget is not null ? FileKind.SymbolicLink : Directory.Exists(path) ? FileKind.Directory : FileKind.File, 0, DirectoryMode)
                : null;
        }

        // struct statx is the same on every architecture: uid at byte 20, mode (16 bits) at 28.
        Span<byte> buffer = stackalloc byte[256];
        if (Statx(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Enoent or Enotdir ? null : throw new IOException($"lstat {path} failed (errno {errno}).");
        }

        var uid = BitConverter.ToUInt32(buffer[20..24]);
        var mode = BitConverter.ToUInt16(buffer[28..30]);
        var kind = (mode & 0xF000) switch
        {
            0x4000 => FileKind.Directory,
            0x8000 => FileKind.File,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return new FileFacts(kind, uid, (UnixFileMode)(mode & 0x1FF));
    }

    /// <summary>True when <paramref name="path"/> is a real folder (not a link) of this user with mode 0700.</summary>
    public static bool IsPrivateDirectory(string path) =>
        Lstat(path) is { Kind: FileKind.Directory } facts && facts.OwnerId == UserId && facts.Permissions == DirectoryMode;

    /// <summary>
    /// Makes the folder <paramref name="path"/> with mode 0700, only if nothing is there: false
    /// when something (anything, a link included) already is.
    /// </summary>
    /// <exception cref="IOException">It could not be made for another reason (no parent, no permission, ...).</exception>
    public static bool TryCreateDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
        {
            if (Path.Exists(path))
            {
                return false;
            }

            Directory.CreateDirectory(path);
            return true;
        }

        if (mkdir(path, 0b111_000_000) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Eexist ? false : throw new IOException($"mkdir {path} failed (errno {errno}).");
    }

    /// <summary>
    /// Sets an existing file (0600) or folder (0700) of this user to owner-only; a link, or
    /// something owned by another user, is left alone. False when nothing was changed.
    /// </summary>
    public static bool Tighten(string path)
    {
        if (!OperatingSystem.IsLinux() || Lstat(path) is not { } facts || facts.OwnerId != UserId)
        {
            return false;
        }

        var wanted = facts.Kind switch
        {
            FileKind.Directory => DirectoryMode,
            FileKind.File => FileMode,
            _ => facts.Permissions,
        };
        if (wanted == facts.Permissions)
        {
            return false;
        }

        File.SetUnixFileMode(path, wanted);
        return true;
    }

    /// <summary>
    /// Deletes the folder <paramref name="path"/> and everything in it without following a link:
    /// a link inside is removed itself, never what it points to. Nothing happens, and false comes
    /// back, when <paramref name="path"/> itself is not a real folder.
    /// </summary>
    public static bool DeleteTree(string path)
    {
        if (Lstat(path) is not { Kind: FileKind.Directory })
        {
            return false;
        }

        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
        {
            if (Lstat(entry.FullName) is { Kind: FileKind.Directory })
            {
                DeleteTree(entry.FullName);
            }
            else
            {
                // A file, or a link (removed as a link: File.Delete unlinks, it never follows).
                File.Delete(entry.FullName);
            }
        }

        Directory.Delete(path, recursive: false);
        return true;
    }

    private static unsafe int Statx(string path, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            return statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, pointer);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkdir(string path, uint mode);

    [LibraryImport("libc")]
    private static partial uint umask(uint mask);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
