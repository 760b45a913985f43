using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// The one owner of where a run's workload files go (<see cref="RunPlan.Output"/>): on disk under
/// the data folder (data/runs/{id}, the default, like the tutorial), or in memory under a tmpfs
/// folder (in the app's own private folder there, <see cref="MemoryOutputFolder"/>: runs/{id}, so
/// two apps on one machine never sweep each other's and nobody else can reach in). Memory is RAM: a memory run is refused
/// (400, field "output") when no tmpfs is there, when all memory outputs together would pass
/// <see cref="MemoryOutputsOptions.MaxMb"/>, or when the tmpfs has too little room left; the
/// queue asks when a run is queued and the run service again when it starts. Both kinds of
/// folder go with their run (<c>Storage/RunOutputFolders</c>).
/// </summary>
public sealed class RunOutputLocations
{
    /// <summary>tmpfs gives every file at least one page, so a tiny file costs 4 KiB of memory.</summary>
    public const long PageBytes = 4_096;

    private readonly DataFolder _data;
    private readonly MemoryOutputsOptions _memory;
    private readonly MemoryOutputFolder _memoryFolder;

    public RunOutputLocations(DataFolder data, IOptions<MemoryOutputsOptions>? memory = null, ILogger<RunOutputLocations>? logger = null)
    {
        _data = data;
        _memory = memory?.Value ?? new MemoryOutputsOptions();
        _memoryFolder = new MemoryOutputFolder(data, _memory.Directory, logger);
    }

    /// <summary>The folder that holds the disk outputs' run folders (data/runs).</summary>
    public string DiskParent => _data.Runs;

    /// <summary>The folder that holds the memory outputs' run folders (in the app's private folder on the tmpfs).</summary>
    public string MemoryParent => _memoryFolder.RunsFolder;

    /// <summary>
    /// The parents where output folders of runs may be now: the disk one when it is a real folder,
    /// the memory one when it is the app's private folder (never anything reached through a link).
    /// </summary>
    public IReadOnlyList<string> ExistingParents =>
        [.. new[] { DiskParent }.Where(p => PrivateFiles.Lstat(p) is { Kind: FileKind.Directory }), .. _memoryFolder.IsReady ? [MemoryParent] : Array.Empty<string>()];

    /// <summary>Room a memory run leaves free on the tmpfs for everything else that uses it (/dev/shm is shared).</summary>
    public long ReserveBytes => _memory.ReserveMb * 1024L * 1024;

    /// <summary>Cap of all memory outputs together, in bytes.</summary>
    public long MemoryCapBytes => _memory.MaxMb * 1024L * 1024;

    /// <summary>The output folder of run <paramref name="runId"/> with outputs at <paramref name="output"/>.</summary>
    public string DirectoryFor(long runId, LabOutput output) => output == LabOutput.Memory
        ? Path.Combine(MemoryParent, runId.ToString(CultureInfo.InvariantCulture))
        : _data.RunOutput(runId);

    /// <summary>Null when memory outputs can go here; else why not, for the Run page and the API.</summary>
    public string? MemoryProblem
    {
        get
        {
            var folder = _memory.Directory;
            var key = $"{MemoryOutputsOptions.SectionName}:{nameof(MemoryOutputsOptions.Directory)}";
            if (!Directory.Exists(folder))
            {
                return $"Memory outputs need a tmpfs folder, and {folder} does not exist here ({key}). Choose disk, or point {key} at a tmpfs mount.";
            }

            var fileSystem = FileSystems.TypeOf(folder);
            return FileSystems.IsMemory(fileSystem)
                ? null
                : $"Memory outputs need a tmpfs folder, and {folder} is on {fileSystem} ({key}). Choose disk, or point {key} at a tmpfs mount.";
        }
    }

    /// <summary>
    /// What a run of <paramref name="parameters"/> writes at most at once, as tmpfs counts it: the
    /// files its workload's descriptor says a repetition leaves (each repetition first deletes the
    /// last one's), each in whole pages.
    /// </summary>
    public static long EstimatedBytes(WorkloadParameters parameters)
    {
        var files = WorkloadCatalog.Of(parameters).Outputs(parameters);
        return files.Count * RoundUp(files.BytesEach);
    }

    /// <summary>What the memory outputs hold now, each file rounded up to whole pages.</summary>
    public long MemoryInUseBytes()
    {
        if (!_memoryFolder.IsReady)
        {
            return 0;
        }

        long total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(MemoryParent).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                total += RoundUp(file.Length);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A run folder deleted while it was walked: what was counted is close enough.
        }

        return total;
    }

    /// <summary>Refuses a memory run that cannot have its outputs in memory here; nothing for disk runs.</summary>
    /// <exception cref="InvalidParametersException">The "output" problem, naming the setting or the figures.</exception>
    public void ThrowIfUnavailable(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Output != LabOutput.Memory)
        {
            return;
        }

        if ((MemoryProblem ?? _memoryFolder.Prepare()) is { } problem)
        {
            throw Refused(problem);
        }

        var need = EstimatedBytes(plan.Parameters);
        var held = MemoryInUseBytes();
        if (held + need > MemoryCapBytes)
        {
            throw Refused(
                $"Memory outputs are capped at {Mb(MemoryCapBytes)} all together ({MemoryOutputsOptions.SectionName}:{nameof(MemoryOutputsOptions.MaxMb)}): " +
                $"this run needs about {Mb(need)} and earlier runs' memory outputs hold {Mb(held)}. Delete some of those runs, use fewer tasks, or choose disk.");
        }

        var free = FreeBytes();
        if (free is { } room && need + ReserveBytes > room)
        {
            throw Refused(
                $"{_memory.Directory} has {Mb(room)} free; this run's outputs need about {Mb(need)}, and {Mb(ReserveBytes)} stay free for others ({MemoryOutputsOptions.SectionName}:{nameof(MemoryOutputsOptions.ReserveMb)}). Choose disk, or use fewer tasks.");
        }
    }

    /// <summary>Free bytes on the memory folder's file system; null when it cannot be asked.</summary>
    private long? FreeBytes()
    {
        try
        {
            // DriveInfo asks statvfs about the path itself, so any folder on the mount will do.
            return new DriveInfo(_memory.Directory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static InvalidParametersException Refused(string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["output"] = [message] });

    private static long RoundUp(long bytes) => (bytes + PageBytes - 1) / PageBytes * PageBytes;

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):#,0.#} MB");
}
