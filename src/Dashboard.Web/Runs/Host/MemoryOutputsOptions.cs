using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Runs whose outputs go to memory (<see cref="Dashboard.Engine.Running.LabOutput.Memory"/>), section
/// "Dashboard:MemoryOutputs". Their folders live under <see cref="Directory"/>, which must be a tmpfs
/// mount; together they hold at most <see cref="MaxMb"/> (it is RAM), and they go with their runs.
/// </summary>
public sealed class MemoryOutputsOptions
{
    public const string SectionName = "Dashboard:MemoryOutputs";

    public const int MaxMaxMb = 65_536;

    /// <summary>A tmpfs folder; the app keeps its runs' memory outputs in a folder of its own under it. Default /dev/shm.</summary>
    public string Directory { get; set; } = "/dev/shm";

    public const int MaxReserveMb = 1_048_576;

    /// <summary>All memory outputs together, in MB (1-65,536); default 256.</summary>
    public int MaxMb { get; set; } = 256;

    /// <summary>
    /// Room on the tmpfs, in MB, that a memory run must leave free for everything else using it
    /// (/dev/shm is shared); 0-1,048,576, default 32.
    /// </summary>
    public int ReserveMb { get; set; } = 32;
}
