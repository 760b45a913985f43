using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's third experiment: GET the random page (a redirect to a generated article),
/// parse it, take the first <c>&lt;h1&gt;</c>'s text and append <c>title\t</c> to the one shared
/// <c>wiki_titles.tsv</c>. Waiting plus parsing: mixed.
/// </summary>
internal sealed class ScrapeWorkload : IWorkload
{
    public const string TargetPath = "wiki/random";
    public const string FileName = "wiki_titles.tsv";

    private readonly TargetClient _client;
    private readonly string _outputDirectory;

    public ScrapeWorkload(ScrapeParameters parameters, WorkloadEnvironment environment)
    {
        Parameters = parameters;
        _outputDirectory = environment.OutputDirectory;
        _client = new TargetClient(environment.TargetBaseUrl, followRedirects: true, environment.RequestTimeout, environment.Policy, environment.TargetCapability);
    }

    public ScrapeParameters Parameters { get; }

    WorkloadParameters IWorkload.Parameters => Parameters;

    public WorkloadKind Kind => WorkloadKind.Mixed;

    private string TitlesPath => Path.Combine(_outputDirectory, FileName);

    public void Prepare()
    {
        Directory.CreateDirectory(_outputDirectory);
        File.Delete(TitlesPath);
    }

    public string Run(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Pages);
        var page = _client.Get(TargetPath, context, reportProgress: true);
        var title = ParseTitle(page);
        SharedFileAppender.Append(TitlesPath, Record(title), context.CancellationToken);
        return title;
    }

    public async ValueTask<string> RunAsync(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Pages);
        var page = await _client.GetAsync(TargetPath, context, reportProgress: true).ConfigureAwait(false);
        var title = ParseTitle(page);
        await SharedFileAppender.AppendAsync(TitlesPath, Record(title), context.CancellationToken).ConfigureAwait(false);
        return title;
    }

    public string Check(IReadOnlyDictionary<int, string> outputs)
    {
        var problems = new List<string>();
        var text = File.Exists(TitlesPath) ? ReadShared(TitlesPath) : string.Empty;
        if (text.Length > 0 && !text.EndsWith('\t'))
        {
            problems.Add($"{FileName} does not end with a tab (a torn write?)");
        }

        var inFile = text.Split('\t');
        var titles = inFile.Take(inFile.Length - 1).ToList();
        if (titles.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{FileName} holds {titles.Count(string.IsNullOrWhiteSpace)} empty titles");
        }

        if (titles.Count != outputs.Count)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{FileName} holds {titles.Count} titles but {outputs.Count} tasks succeeded"));
        }

        // The file's order is whoever got the lock first; compare as multisets.
        var expected = outputs.Values.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var title in titles)
        {
            if (expected.TryGetValue(title, out var left) && left > 0)
            {
                expected[title] = left - 1;
            }
            else if (!string.IsNullOrWhiteSpace(title))
            {
                problems.Add($"\"{title}\" is in {FileName} but no task returned it (that often)");
            }
        }

        foreach (var (title, left) in expected.Where(e => e.Value > 0))
        {
            problems.Add($"\"{title}\" was returned {left} more time(s) than it is in {FileName}");
        }

        foreach (var task in outputs.Keys.Where(t => t < 0 || t >= Parameters.Pages).Order())
        {
            problems.Add($"task {task} is outside 0..{Parameters.Pages - 1}");
        }

        return WorkloadChecks.Summarise(problems);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The first h1's text, trimmed, on one line: tabs and newlines would break the TSV.</summary>
    internal static string ParseTitle(byte[] page)
    {
        // AngleSharp sniffs the encoding (BOM, meta charset) from the bytes, as a browser does.
        var parser = new HtmlParser();
        using var stream = new MemoryStream(page, writable: false);
        using var document = parser.ParseDocument(stream);
        var h1 = document.QuerySelector("h1")
            ?? throw new InvalidDataException($"The page has no <h1> ({page.Length} bytes).");
        var title = h1.TextContent.Trim().Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
        if (title.Length == 0)
        {
            throw new InvalidDataException("The page's first <h1> is empty.");
        }

        return title;
    }

    private static byte[] Record(string title) => Encoding.UTF8.GetBytes(title + "\t");

    /// <summary>Reads while writers may still hold the file (a check run after a cancelled worker).</summary>
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
