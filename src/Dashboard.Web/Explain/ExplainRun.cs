using Dashboard.Engine.Findings;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Explain;

/// <summary>
/// One run as Explain's rules read it: the strategies that finished (by result key), each one's
/// own runtime's baseline, the nature the figures showed, the findings, and the lines written so far.
/// </summary>
internal sealed class ExplainRun
{
    private readonly List<ExplainItem> _items = [];

    public ExplainRun(ExplainInput input)
    {
        Input = input;
        Done = [.. input.Strategies.Where(s => !s.Cancelled && s.TasksOk > 0 && s.MedianWallSeconds > 0)];
        ById = Done.ToDictionary(s => s.Strategy, StringComparer.Ordinal);
        BothRuntimes = Done.Select(s => PythonTwins.RuntimeOf(s.Strategy)).Distinct().Count() > 1;
    }

    public ExplainInput Input { get; }

    /// <summary>Strategies with at least one task done in a measured repetition, in dashboard order.</summary>
    public List<StrategyFigures> Done { get; }

    public Dictionary<string, StrategyFigures> ById { get; }

    /// <summary>True when .NET strategies and Python twins both finished: each runtime is then named.</summary>
    public bool BothRuntimes { get; }

    public int Tasks => Input.Parameters.TaskCount;

    /// <summary>What the figures said the work was (set by the nature rule, read by the others).</summary>
    public WorkNature Nature { get; set; } = WorkNature.Unknown;

    public IReadOnlyList<ExplainItem> Items => _items;

    /// <summary>The finished strategies of each runtime, .NET first.</summary>
    public IEnumerable<(string Runtime, List<StrategyFigures> Strategies)> Runtimes =>
        Done.GroupBy(s => PythonTwins.RuntimeOf(s.Strategy))
            .OrderBy(g => g.Key == PythonTwins.DotnetRuntime ? 0 : 1)
            .Select(g => (g.Key, g.ToList()));

    /// <summary>The baseline (sequential) of a runtime, when it finished.</summary>
    public StrategyFigures? Baseline(string runtime) =>
        ById.GetValueOrDefault(runtime == PythonTwins.PythonRuntime ? PythonTwins.Key(StrategyCatalog.Baseline.Id) : StrategyCatalog.Baseline.Id);

    /// <summary>The baseline of the key's own runtime.</summary>
    public StrategyFigures? BaselineOf(string key) => Baseline(PythonTwins.RuntimeOf(key));

    /// <summary>"Among the Python twins, " when both runtimes ran; "" otherwise.</summary>
    public string Among(string runtime) => !BothRuntimes ? "" : runtime == PythonTwins.PythonRuntime ? "Among the Python twins, " : "Among the .NET strategies, ";

    /// <summary>The first finding on a key among <paramref name="ids"/>; null when none fired.</summary>
    public Finding? FindingOn(string key, params string[] ids) =>
        Input.Findings.FirstOrDefault(f => f.Key == key && ids.Contains(f.Id, StringComparer.Ordinal));

    /// <summary>Adds a line of rule <paramref name="rule"/> with the figures it read.</summary>
    public void Add(string rule, double rank, string text, params (string Name, string Value)[] inputs) =>
        _items.Add(new ExplainItem(rule, text, rank, ExplainItem.From(inputs)));

    /// <summary>Adds a line that states a finding.</summary>
    public void Add(ExplainItem item) => _items.Add(item);
}
