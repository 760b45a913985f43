using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Findings;

/// <summary>Runs with chosen figures, to make each finding fire and to keep its healthy twin silent.</summary>
internal static class CraftedRuns
{
    public const int Pid = 4_242;

    /// <summary>A repetition with these spans (each (start, end), ok) on lanes pid:1.. in turn.</summary>
    public static StrategyResult Result(string key, double wall, double cpu, IEnumerable<(double Start, double End)> spans,
        int repetition = 0, int pid = Pid, int lanes = 1)
    {
        var list = spans.Select((s, i) => new TaskSpan(i, new Lane(pid, 1 + (i % lanes)), s.Start, s.End, TaskStatus.Ok, "ok")).ToList();
        return new StrategyResult(key, repetition, wall, cpu, lanes, list.Count, 0, "ok", 0, list);
    }

    /// <summary><paramref name="count"/> tasks of <paramref name="seconds"/> one after another from <paramref name="from"/>.</summary>
    public static IEnumerable<(double Start, double End)> OneByOne(int count, double seconds, double from = 0) =>
        Enumerable.Range(0, count).Select(i => (from + (i * seconds), from + ((i + 1) * seconds)));

    /// <summary><paramref name="count"/> tasks that all start at <paramref name="from"/> and each take <paramref name="seconds"/>.</summary>
    public static IEnumerable<(double Start, double End)> AllAtOnce(int count, double seconds, double from = 0) =>
        Enumerable.Range(0, count).Select(_ => (from, from + seconds));

    public static FindingInput Input(WorkloadParameters parameters, params StrategyResult[] results) =>
        FindingInput.Create(parameters, new StrategyOptions(), cores: 2, results, latencySeconds: WorkloadCatalog.Of(parameters).WaitSeconds(parameters) ?? 0.1);

    public static IReadOnlyList<Finding> Run(IFinder finder, WorkloadParameters parameters, params StrategyResult[] results) =>
        [.. finder.Find(Input(parameters, results))];

    public static CounterSample Sample(double t, int poolThreads = 2, long queue = 0, double user = 50, double system = 10, int pid = Pid) =>
        new(t, pid, user + system, user, system, 20, poolThreads, queue, 0, 1, 100);
}
