using System.Text;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>The scrape workload's parsing, folder preparation and output check, without HTTP.</summary>
public sealed class ScrapeWorkloadFileTests
{
    private static IWorkload Create(TempDirectory dir, int pages = 3) =>
        WorkloadFactory.Create(new ScrapeParameters(pages), new WorkloadEnvironment("http://127.0.0.1:1/sim/", dir.Path));

    [Theory]
    [InlineData("<html><body><h1>  Byzantine Motown\n</h1><h1>Second</h1></body></html>", "Byzantine Motown")]
    [InlineData("<h1 id=firstHeading><span>Ada</span> <i>Lovelace</i></h1>", "Ada Lovelace")]
    [InlineData("<title>T</title><h1>A\tB</h1>", "A B")]
    [InlineData("<h1>Zürich &amp; Genève</h1>", "Zürich & Genève")]
    public void ParseTitle_Page_TakesTheFirstH1TextTrimmed(string html, string expected)
    {
        Assert.Equal(expected, ScrapeWorkload.ParseTitle(Encoding.UTF8.GetBytes(html)));
    }

    [Theory]
    [InlineData("<html><title>No heading</title><p>text</p></html>", "The page has no <h1>")]
    [InlineData("<h1>  </h1>", "The page's first <h1> is empty.")]
    public void ParseTitle_NoUsableH1_ThrowsInvalidData(string html, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ScrapeWorkload.ParseTitle(Encoding.UTF8.GetBytes(html)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_RemovesOnlyTheTitlesFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("wiki_titles.tsv"), "old\t");
        File.WriteAllText(dir.File("keep.txt"), "mine");
        using var workload = Create(dir);

        workload.Prepare();

        Assert.False(File.Exists(dir.File("wiki_titles.tsv")));
        Assert.True(File.Exists(dir.File("keep.txt")));
    }

    [Fact]
    public void Check_FileMatchesOutputsInAnyOrder_IsOk()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("wiki_titles.tsv"), "B\tA\tB\t");
        using var workload = Create(dir);

        Assert.Equal("ok", workload.Check(new Dictionary<int, string> { [0] = "A", [1] = "B", [2] = "B" }));
    }

    [Fact]
    public void Check_LostWrite_IsReported()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("wiki_titles.tsv"), "A\t");
        using var workload = Create(dir);

        var check = workload.Check(new Dictionary<int, string> { [0] = "A", [1] = "B" });

        Assert.Equal("wiki_titles.tsv holds 1 titles but 2 tasks succeeded; \"B\" was returned 1 more time(s) than it is in wiki_titles.tsv.", check);
    }

    [Fact]
    public void Check_TornWrite_IsReported()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("wiki_titles.tsv"), "AB\t\tC");
        using var workload = Create(dir);

        var check = workload.Check(new Dictionary<int, string> { [0] = "A", [1] = "B", [2] = "C" });

        Assert.StartsWith("wiki_titles.tsv does not end with a tab (a torn write?); wiki_titles.tsv holds 1 empty titles", check, StringComparison.Ordinal);
        Assert.Contains("\"AB\" is in wiki_titles.tsv but no task returned it", check, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoFileAndNoSuccess_IsOk()
    {
        using var dir = new TempDirectory();
        using var workload = Create(dir);

        workload.Prepare();

        Assert.Equal("ok", workload.Check(new Dictionary<int, string>()));
    }
}
