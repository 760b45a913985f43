namespace Dashboard.Engine.Running;

/// <summary>
/// Where a run's workload files go (genre's <c>new_file{i}.txt</c>, scrape's TSV). A choice only:
/// the folders themselves come from the server's configuration.
/// </summary>
public enum LabOutput
{
    /// <summary>Under the app's data folder, on its disk, as the tutorial writes its files: the default.</summary>
    Disk,

    /// <summary>In memory: a folder on a tmpfs mount (/dev/shm by default), so creating files costs the kernel little.</summary>
    Memory,
}

/// <summary>The request names of <see cref="LabOutput"/>.</summary>
public static class LabOutputIds
{
    public const string Disk = "disk";
    public const string Memory = "memory";

    public static IReadOnlyList<string> All { get; } = [Disk, Memory];

    public static string Id(LabOutput output) => output == LabOutput.Memory ? Memory : Disk;

    public static bool TryParse(string? text, out LabOutput output)
    {
        switch (text)
        {
            case Disk:
                output = LabOutput.Disk;
                return true;
            case Memory:
                output = LabOutput.Memory;
                return true;
            default:
                output = LabOutput.Disk;
                return false;
        }
    }
}
