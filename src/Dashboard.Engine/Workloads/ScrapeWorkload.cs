using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Dashboard.Engine.Strategies;

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

    /// <summary>Bytes per page in the TSV, generously: a title and a tab.</summary>
    public const long LineBytes = 512;

    /// <summary>The tutorial's random Wikipedia page: 88.86 s for 100 sequential pages.</summary>
    public const double RealPageSeconds = 0.889;

    /// <summary>
    /// Rendering, reading and parsing a page for its first h1, per KB of HTML: 30 pages took 1.15 s
    /// of CPU at 100 KB and 4.98 s at 1,000 KB, so (4.98 - 1.15) / 30 / 900 = 0.14 ms per KB.
    /// </summary>
    public const double ParseSecondsPerKb = 0.000_15;

    /// <summary>
    /// BeautifulSoup's parse of a page for its first h1, per KB of HTML, in the Python twin: 20 pages
    /// took 1.57 s of CPU at 100 KB and 6.38 s at 500 KB beyond the start, so (319 - 78) ms / 400 KB = 0.6 ms per KB; 0.65 assumed.
    /// </summary>
    public const double PythonParseSecondsPerKb = 0.000_65;

    public static WorkloadDescriptor<ScrapeParameters> Descriptor { get; } = new()
    {
        Id = ScrapeParameters.WorkloadId,
        Title = "Page scrape",
        Summary = "Each task fetches a random page, parses it, and appends its first heading to one shared file.",
        Lesson = "Mixed: async overlaps the waits, processes add cores for the parsing; both together win.",
        Kind = WorkloadKind.Mixed,
        Icon = "Article",
        TutorialTasks = 100,
        TutorialFigures =
        [
            new(StrategyIds.Sequential, "sequential", 88.86),

            // The tutorial's "asyncio only" awaited each page in turn, so it was not concurrent.
            new(StrategyIds.Async, "asyncio only (one page at a time)", 47.92),
            new(StrategyIds.Processes, "process pool only", 8.87),
            new(StrategyIds.AsyncProcesses, "asyncio inside each process", 5.65),
        ],
        Target = TargetEndpoint.Pages,
        WritesOutputs = true,
        Fields =
        [
            new IntField<ScrapeParameters>
            {
                Name = "pages", IsCount = true, Flag = "--tasks", Label = "Pages", Help = "pages",
                Min = 1, Max = ScrapeParameters.MaxPages, Value = p => p.Pages, Set = (p, v) => p with { Pages = v },
            },
        ],
        Default = new(),
        PresetList =
        [
            new(WorkloadPresets.Tutorial, new ScrapeParameters(Pages: 100), "100 random pages, first <h1> of each appended to one shared file, as in the tutorial."),
            new(WorkloadPresets.Quick, new ScrapeParameters(Pages: 10), "10 random pages: 10 waits one after another sequentially, about one wait with threads or async."),
            new(WorkloadPresets.Stress, new ScrapeParameters(Pages: 1_000), "1,000 pages: waiting and parsing together, where async inside processes pays off."),
        ],
        Description = p => string.Create(CultureInfo.InvariantCulture, $"{p.Pages:N0} page{(p.Pages == 1 ? "" : "s")}"),
        Cost = (_, c) => c.RealTargets
            ? new(c.Tasks * RealPageSeconds, "custom targets: the tutorial's 0.89 s per real page assumed", WaitSeconds: c.Tasks * RealPageSeconds)
            : new(c.Tasks * (c.TargetWaitSeconds!.Value + WorkloadCost.HttpCallOverhead(c) + (c.Python ? PythonParseSecondsPerKb : ParseSecondsPerKb) * c.PageSizeKb),
                "the simulated pages' latency and size", WaitSeconds: c.Tasks * c.TargetWaitSeconds!.Value),
        SystemTime = (_, place, inMemory) => inMemory
            ? "The TSV was already in memory (tmpfs), so this is the network stack: a connection and a few socket calls per page."
            : $"Here that is the network stack (a connection per page) and appending every title to one shared file {place} under a lock. Outputs: Memory (tmpfs) on the Run page takes the file system out; the sockets stay.",
        Files = p => new(1, Math.Max(0, p.Pages) * LineBytes),
        Factory = (p, environment, _) => new ScrapeWorkload(p, environment),
    };

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
