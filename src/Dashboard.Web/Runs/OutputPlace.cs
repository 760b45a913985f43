namespace Dashboard.Web.Runs;

/// <summary>
/// Where a run's workload files went, stored with its environment: the kind of place, the folder
/// and the file system holding it. Creating a thousand files costs the kernel far more on a disk
/// file system than in memory, so figures of file-writing runs mean little without it.
/// </summary>
/// <param name="Location">"memory" when the file system keeps files in memory (tmpfs), else "disk".</param>
/// <param name="Directory">The run's output folder.</param>
/// <param name="FileSystem">Its file system type from /proc/self/mountinfo: "ext4", "tmpfs", "overlay", ... or "unknown".</param>
public sealed record OutputPlace(string Location, string Directory, string FileSystem)
{
    /// <summary>Describes <paramref name="directory"/> from the mount table now.</summary>
    public static OutputPlace Describe(string directory)
    {
        var fileSystem = FileSystems.TypeOf(directory);
        return new OutputPlace(
            FileSystems.IsMemory(fileSystem) ? Engine.Running.LabOutputIds.Memory : Engine.Running.LabOutputIds.Disk,
            Path.GetFullPath(directory),
            fileSystem);
    }

    /// <summary>"memory (tmpfs) /dev/shm/…/runs/7".</summary>
    public override string ToString() => $"{Location} ({FileSystem}) {Directory}";
}
