using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workers;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's first experiment: GET one random genre (a JSON string) and write it to its own
/// file <c>new_file{i}.txt</c>. Almost all of a task is waiting for the target: I/O-bound.
/// </summary>
internal sealed class GenreWorkload : IWorkload
{
    public const string TargetPath = "genre";
    public const string FilePrefix = "new_file";
    public const string FileSuffix = ".txt";

    /// <summary>The tutorial's genre call on the real internet: 1.42 s for 5 sequential calls.</summary>
    public const double RealCallSeconds = 0.284;

    /// <summary>The most a genre file holds (a genre is a few words); tmpfs gives it a whole page anyway.</summary>
    public const long MaxFileBytes = 256;

    public static WorkloadDescriptor<GenreParameters> Descriptor { get; } = new()
    {
        Id = GenreParameters.WorkloadId,
        Title = "Genre I/O",
        Summary = "Each task asks the genre API for a random music genre and writes it to its own file.",
        Lesson = "I/O-bound: threads and async overlap the waits; more cores change nothing.",
        Kind = WorkloadKind.IoBound,
        Icon = "MusicNote",
        TutorialTasks = 5,
        TutorialFigures =
        [
            new(StrategyIds.Sequential, "sequential", 1.42),
            new(StrategyIds.Threads, "threading", 0.77),
            new(StrategyIds.Async, "asyncio", 0.71),
        ],
        Target = TargetEndpoint.Genres,
        WritesOutputs = true,
        Fields =
        [
            new IntField<GenreParameters>
            {
                Name = "tasks", IsCount = true, Flag = "--tasks", Label = "Tasks (genre calls)", Help = "genre calls",
                Min = 1, Max = GenreParameters.MaxTasks, Value = p => p.Tasks, Set = (p, v) => p with { Tasks = v },
            },
        ],
        Default = new(),
        PresetList =
        [
            new(WorkloadPresets.Tutorial, new GenreParameters(Tasks: 10), "10 genre calls and 10 files: the tutorial made 5, but 5 calls cap any strategy at 5x faster than one after another; 10 leave room to show it."),
            new(WorkloadPresets.Quick, new GenreParameters(Tasks: 8), "8 genre calls: 8 waits one after another sequentially, about one wait with threads or async."),
            new(WorkloadPresets.Stress, new GenreParameters(Tasks: 1_000), "1,000 genre calls: async waits on them all at once; a small pool queues them."),
        ],
        Description = p => string.Create(CultureInfo.InvariantCulture, $"{p.Tasks:N0} genre call{(p.Tasks == 1 ? "" : "s")}"),
        Cost = (_, c) => c.RealTargets
            ? new(c.Tasks * RealCallSeconds, "custom targets: the tutorial's 0.28 s per real genre call assumed", WaitSeconds: c.Tasks * RealCallSeconds)
            : new(c.Tasks * (c.TargetWaitSeconds!.Value + WorkloadCost.HttpCallOverhead(c)), "the simulated genre API's latency",
                WaitSeconds: c.Tasks * c.TargetWaitSeconds!.Value),
        SystemTime = (p, place, inMemory) => inMemory
            ? "The files were already in memory (tmpfs), so this is the network stack: a connection and a few socket calls per genre call on loopback. Fewer, reused connections would cut it; faster code would not."
            : string.Create(CultureInfo.InvariantCulture,
                $"Here that is mostly creating {p.Tasks:N0} files in one folder {place}: creates in one directory queue on its lock, and after much creating and deleting the file system also searches past recently freed entries. Run it again with Outputs: Memory (tmpfs) on the Run page to take the disk's file system out of the picture."),
        Files = p => new(Math.Max(0, p.Tasks), MaxFileBytes),
        Factory = (p, environment, _) => new GenreWorkload(p, environment),
    };

    /// <summary>UTF-8 without a byte-order mark: the file holds exactly the genre, as in the tutorial.</summary>
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TargetClient _client;
    private readonly string _outputDirectory;

    public GenreWorkload(GenreParameters parameters, WorkloadEnvironment environment)
    {
        Parameters = parameters;
        _outputDirectory = environment.OutputDirectory;
        _client = new TargetClient(environment.TargetBaseUrl, followRedirects: false, environment.RequestTimeout, environment.Policy, environment.TargetCapability);
    }

    public GenreParameters Parameters { get; }

    WorkloadParameters IWorkload.Parameters => Parameters;

    /// <summary>The file task <paramref name="task"/> writes.</summary>
    public static string FileName(int task) =>
        string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{task}{FileSuffix}");

    public void Prepare()
    {
        Directory.CreateDirectory(_outputDirectory);
        foreach (var file in Directory.EnumerateFiles(_outputDirectory, FilePrefix + "*" + FileSuffix))
        {
            File.Delete(file);
        }
    }

    public string Run(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        var body = _client.Get(TargetPath, context, reportProgress: false);
        var genre = ParseGenre(body);
        context.CancellationToken.ThrowIfCancellationRequested();
        File.WriteAllText(PathOf(context.Task), genre, Utf8NoBom);
        return genre;
    }

    public async ValueTask<string> RunAsync(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        var body = await _client.GetAsync(TargetPath, context, reportProgress: false).ConfigureAwait(false);
        var genre = ParseGenre(body);
        await File.WriteAllTextAsync(PathOf(context.Task), genre, Utf8NoBom, context.CancellationToken).ConfigureAwait(false);
        return genre;
    }

    public string Check(IReadOnlyDictionary<int, string> outputs)
    {
        var problems = new List<string>();
        var seen = new HashSet<int>();
        var files = Directory.Exists(_outputDirectory)
            ? Directory.EnumerateFiles(_outputDirectory, FilePrefix + "*" + FileSuffix)
            : [];
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var digits = name.AsSpan(FilePrefix.Length, name.Length - FilePrefix.Length - FileSuffix.Length);
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var task) || !outputs.TryGetValue(task, out var genre))
            {
                problems.Add($"{name} belongs to no successful task");
                continue;
            }

            seen.Add(task);
            var content = File.ReadAllText(file, Encoding.UTF8);
            if (!string.Equals(content, genre, StringComparison.Ordinal))
            {
                problems.Add($"{name} holds \"{content}\" but task {task} fetched \"{genre}\"");
            }
        }

        foreach (var task in outputs.Keys.Where(t => !seen.Contains(t)).Order())
        {
            problems.Add($"{FileName(task)} is missing");
        }

        foreach (var task in outputs.Keys.Where(t => t < 0 || t >= Parameters.Tasks).Order())
        {
            problems.Add($"task {task} is outside 0..{Parameters.Tasks - 1}");
        }

        return WorkloadChecks.Summarise(problems);
    }

    public void Dispose() => _client.Dispose();

    private string PathOf(int task) => Path.Combine(_outputDirectory, FileName(task));

    /// <summary>The body is one JSON string, e.g. "byzantine motown".</summary>
    private static string ParseGenre(byte[] body)
    {
        string? genre;
        try
        {
            // Source-generated metadata: the worker is compiled ahead of time (no reflection there).
            genre = JsonSerializer.Deserialize(body, WorkerJsonContext.Default.String);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The genre target answered something that is not a JSON string: {Preview(body)}", e);
        }

        if (string.IsNullOrWhiteSpace(genre))
        {
            throw new InvalidDataException("The genre target answered an empty genre.");
        }

        return genre;
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 80));
        return body.Length > 80 ? text + "..." : text;
    }
}
