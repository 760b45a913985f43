using System.Text.Json.Serialization;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Where a run's workload files went, stored with its environment: the kind of place and the file
/// system holding it. Creating a thousand files costs the kernel far more on a disk file system
/// than in memory, so figures of file-writing runs mean little without it. The server's folder is
/// not part of it: a run's environment is exported and shown to everyone signed in, and the folder
/// says nothing the kind and file system do not.
/// </summary>
/// <param name="Location">"memory" when the file system keeps files in memory (tmpfs), else "disk".</param>
/// <param name="FileSystem">Its file system type from /proc/self/mountinfo: "ext4", "tmpfs", "overlay", ... or "unknown".</param>
public sealed record OutputPlace(string Location, string FileSystem)
{
    /// <summary>
    /// The folder itself, only where the person who chose it reads it (the bench's own console and
    /// JSON); null in a run's environment. Documents exported before it was left out may carry it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Directory { get; init; }

    /// <summary>Describes <paramref name="directory"/> from the mount table now, without naming it.</summary>
    public static OutputPlace Describe(string directory)
    {
        var fileSystem = FileSystems.TypeOf(directory);
        return new OutputPlace(
            FileSystems.IsMemory(fileSystem) ? Engine.Running.LabOutputIds.Memory : Engine.Running.LabOutputIds.Disk,
            fileSystem);
    }

    /// <summary>This place without its folder, as runs keep and export it.</summary>
    public OutputPlace WithoutDirectory() => Directory is null ? this : this with { Directory = null };

    /// <summary>"memory (tmpfs)", or "memory (tmpfs) /dev/shm/…" when the folder is known.</summary>
    public override string ToString() => Directory is null ? $"{Location} ({FileSystem})" : $"{Location} ({FileSystem}) {Directory}";
}
