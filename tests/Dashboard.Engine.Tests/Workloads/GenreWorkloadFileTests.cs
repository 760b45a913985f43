using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>The genre workload's folder preparation and output check, without HTTP.</summary>
public sealed class GenreWorkloadFileTests
{
    private static IWorkload Create(TempDirectory dir, int tasks = 3) =>
        WorkloadFactory.Create(new GenreParameters(tasks), new WorkloadEnvironment("http://127.0.0.1:1/sim/", dir.Path));

    [Fact]
    public void Prepare_RemovesOnlyGenreFiles()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("new_file0.txt"), "old");
        File.WriteAllText(dir.File("new_file17.txt"), "old");
        File.WriteAllText(dir.File("wiki_titles.tsv"), "keep\t");
        using var workload = Create(dir);

        workload.Prepare();

        Assert.Equal(["wiki_titles.tsv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Prepare_MissingFolder_CreatesIt()
    {
        using var dir = new TempDirectory();
        var nested = Path.Combine(dir.Path, "run-1", "sequential");
        using var workload = WorkloadFactory.Create(new GenreParameters(1), new WorkloadEnvironment("http://127.0.0.1:1/sim/", nested));

        workload.Prepare();

        Assert.True(Directory.Exists(nested));
    }

    [Fact]
    public void Check_OneMatchingFilePerOutput_IsOk()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("new_file0.txt"), "byzantine motown");
        File.WriteAllText(dir.File("new_file2.txt"), "dark polka");
        using var workload = Create(dir);

        Assert.Equal("ok", workload.Check(new Dictionary<int, string> { [0] = "byzantine motown", [2] = "dark polka" }));
    }

    [Fact]
    public void Check_MissingExtraAndWrongFiles_AreReported()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("new_file0.txt"), "dark polka");
        File.WriteAllText(dir.File("new_file2.txt"), "stray");
        using var workload = Create(dir);

        var check = workload.Check(new Dictionary<int, string> { [0] = "byzantine motown", [1] = "acid jazz" });

        Assert.Contains("new_file0.txt holds \"dark polka\" but task 0 fetched \"byzantine motown\"", check, StringComparison.Ordinal);
        Assert.Contains("new_file2.txt belongs to no successful task", check, StringComparison.Ordinal);
        Assert.Contains("new_file1.txt is missing", check, StringComparison.Ordinal);
    }
}
