using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Runs;

/// <summary>Where outputs go: the mount table read, the tmpfs check, the memory cap and free-space refusals.</summary>
public sealed class RunOutputLocationsTests : IDisposable
{
    private static readonly string[] MountInfo =
    [
        "22 27 0:21 / /proc rw,relatime - proc proc rw",
        "25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683584k",
        "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
        "30 25 0:27 / /dev/shm rw,relatime - ramfs none rw",
        "31 27 0:40 / /srv/my\\040data rw,relatime shared:5 - overlay overlay rw,lowerdir=/a",
        "32 27 0:41 / /srv/my rw,relatime - xfs /dev/sdb rw",
    ];

    private readonly TempFolder _data = new();
    private readonly TmpfsFolder _shm = new();

    public void Dispose()
    {
        _data.Dispose();
        _shm.Dispose();
    }

    [Theory]
    [InlineData("/", "ext4")]
    [InlineData("/home/me/data/runs/7", "ext4")]
    [InlineData("/dev/shm/x/runs/7", "ramfs")] // the later of two mounts on one point hides the first
    [InlineData("/dev/shmother", "ext4")]      // a prefix of the name is not a parent folder
    [InlineData("/srv/my data/runs", "overlay")] // \040 is a space
    [InlineData("/srv/my/runs", "xfs")]
    public void TypeOf_MountInfoLines_LongestMountPointWins(string path, string expected)
    {
        Assert.Equal(expected, FileSystems.TypeOf(path, MountInfo));
    }

    [Fact]
    public void TypeOf_NoLines_IsUnknown()
    {
        Assert.Equal(FileSystems.Unknown, FileSystems.TypeOf("/anything", []));
    }

    [Fact]
    public void TypeOf_RealMounts_AgreesWithFindmnt()
    {
        Assert.Equal("tmpfs", FileSystems.TypeOf(_shm.Path));
        Assert.Equal(TmpfsFolder.FindMountType(_data.Path), FileSystems.TypeOf(_data.Path));

        // A folder not made yet is on the file system of its nearest existing parent.
        Assert.Equal("tmpfs", FileSystems.TypeOf(Path.Combine(_shm.Path, "not", "yet")));
    }

    [Fact]
    public void DirectoryFor_DiskUnderTheDataFolder_MemoryUnderTheTmpfsFolderPerApp()
    {
        var locations = Locations();
        var other = new RunOutputLocations(new DataFolder(Path.Combine(_data.Path, "other")), Memory());

        Assert.Equal(new DataFolder(_data.Path).RunOutput(7), locations.DirectoryFor(7, LabOutput.Disk));
        var memory = locations.DirectoryFor(7, LabOutput.Memory);
        Assert.StartsWith(_shm.Path + "/concurrency-dashboard-", memory, StringComparison.Ordinal);
        Assert.EndsWith("/runs/7", memory, StringComparison.Ordinal);

        // Two apps (two data folders) on one machine never share, so neither sweeps the other's folders.
        Assert.NotEqual(memory, other.DirectoryFor(7, LabOutput.Memory));
    }

    [Fact]
    public void ThrowIfUnavailable_DiskOrEnoughRoom_DoesNotThrow()
    {
        var locations = Locations();

        locations.ThrowIfUnavailable(Plan(LabOutput.Disk, 10_000));
        locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 1_000));
        Assert.Null(locations.MemoryProblem);
    }

    [Fact]
    public void ThrowIfUnavailable_MemoryFolderOnDisk_RefusedNamingTmpfsAndTheSetting()
    {
        var locations = Locations(directory: _data.Path);

        var ex = Assert.Throws<InvalidParametersException>(() => locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 10)));

        var message = Assert.Single(ex.Errors["output"]);
        Assert.Contains($"{_data.Path} is on {TmpfsFolder.FindMountType(_data.Path)}", message, StringComparison.Ordinal);
        Assert.Contains("tmpfs", message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:MemoryOutputs:Directory", message, StringComparison.Ordinal);
        Assert.Equal(message, locations.MemoryProblem);

        // The disk stays a choice.
        locations.ThrowIfUnavailable(Plan(LabOutput.Disk, 10));
    }

    [Fact]
    public void ThrowIfUnavailable_MemoryFolderMissing_RefusedSayingSo()
    {
        var missing = Path.Combine(_shm.Path, "missing");
        var ex = Assert.Throws<InvalidParametersException>(() => Locations(directory: missing).ThrowIfUnavailable(Plan(LabOutput.Memory, 10)));

        Assert.Contains($"{missing} does not exist here", Assert.Single(ex.Errors["output"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfUnavailable_OverTheCap_RefusedNamingTheFigures()
    {
        // 1 MB holds 256 genre files of one page each.
        var locations = Locations(maxMb: 1);
        locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 256));

        var ex = Assert.Throws<InvalidParametersException>(() => locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 257)));

        var message = Assert.Single(ex.Errors["output"]);
        Assert.Contains("capped at 1 MB", message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:MemoryOutputs:MaxMb", message, StringComparison.Ordinal);
        Assert.Contains("this run needs about 1 MB and earlier runs' memory outputs hold 0 MB", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfUnavailable_EarlierMemoryOutputs_CountAgainstTheCap()
    {
        var locations = Locations(maxMb: 1);
        var earlier = locations.DirectoryFor(1, LabOutput.Memory);
        TmpfsFolder.CreatePrivateDirectory(earlier);
        for (var i = 0; i < 200; i++)
        {
            File.WriteAllText(Path.Combine(earlier, $"new_file{i}.txt"), "byzantine motown");
        }

        Assert.Equal(200 * RunOutputLocations.PageBytes, locations.MemoryInUseBytes());
        locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 56));
        var ex = Assert.Throws<InvalidParametersException>(() => locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 57)));
        Assert.Contains("earlier runs' memory outputs hold 0.8 MB", Assert.Single(ex.Errors["output"]), StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfUnavailable_TooLittleFreeOnTheTmpfs_RefusedNamingTheFreeSpace()
    {
        // The real tmpfs's free space, read as the app reads it; a reserve above it leaves no room. The
        // margins (1 GB, 2 GB) absorb what other programs (browsers) take or free in /dev/shm meanwhile.
        var free = new DriveInfo(_shm.Path).AvailableFreeSpace;
        var reserveMb = (int)(free / (1024 * 1024)) + 1_024;
        var locations = Locations(maxMb: MemoryOutputsOptions.MaxMaxMb, reserveMb: reserveMb);
        var needsNothing = new RunPlan(new PowerParameters(), [StrategyIds.Async]) { Output = LabOutput.Memory };

        var ex = Assert.Throws<InvalidParametersException>(() => locations.ThrowIfUnavailable(Plan(LabOutput.Memory, 10)));

        var message = Assert.Single(ex.Errors["output"]);
        Assert.Contains($"{_shm.Path} has ", message, StringComparison.Ordinal);
        Assert.Contains("free; this run's outputs need about 0 MB", message, StringComparison.Ordinal);
        Assert.Contains("Dashboard:MemoryOutputs:ReserveMb", message, StringComparison.Ordinal);
        Assert.Throws<InvalidParametersException>(() => locations.ThrowIfUnavailable(needsNothing));
        Locations(maxMb: MemoryOutputsOptions.MaxMaxMb, reserveMb: reserveMb - 3_072).ThrowIfUnavailable(Plan(LabOutput.Memory, 10));
    }

    [Theory]
    [InlineData(0, "/dev/shm", "MaxMb must be between 1 and 65,536")]
    [InlineData(70_000, "/dev/shm", "MaxMb must be between 1 and 65,536")]
    [InlineData(64, "shm", "Directory must be an absolute folder path")]
    [InlineData(64, "", "Directory must be an absolute folder path")]
    [InlineData(64, "/dev/shm", "ReserveMb must be between 0 and 1,048,576", -1)]
    public void Validate_BadSettings_FailNamingTheSetting(int maxMb, string directory, string expected, int reserveMb = 32)
    {
        var result = new ValidateMemoryOutputsOptions().Validate(null, new MemoryOutputsOptions { MaxMb = maxMb, Directory = directory, ReserveMb = reserveMb });

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:MemoryOutputs:" + expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void EstimatedBytes_OnlyFileWritingWorkloadsNeedRoom()
    {
        Assert.Equal(100 * 4_096, RunOutputLocations.EstimatedBytes(new GenreParameters(Tasks: 100)));
        Assert.Equal(13 * 4_096, RunOutputLocations.EstimatedBytes(new ScrapeParameters(Pages: 100))); // 51,200 bytes of TSV, in whole pages
        Assert.Equal(0, RunOutputLocations.EstimatedBytes(new PowerParameters()));
        Assert.Equal(0, RunOutputLocations.EstimatedBytes(new HelloParameters()));
    }

    private RunOutputLocations Locations(string? directory = null, int maxMb = 256, int reserveMb = 32) =>
        new(new DataFolder(_data.Path), Memory(directory, maxMb, reserveMb));

    private IOptions<MemoryOutputsOptions> Memory(string? directory = null, int maxMb = 256, int reserveMb = 32) =>
        Options.Create(new MemoryOutputsOptions { Directory = directory ?? _shm.Path, MaxMb = maxMb, ReserveMb = reserveMb });

    private static RunPlan Plan(LabOutput output, int tasks) =>
        new RunPlan(new GenreParameters(Tasks: tasks), [StrategyIds.Async]) { Output = output };
}
