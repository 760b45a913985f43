namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The words the pages use that a newcomer cannot guess, each said once: the glossary page lists
/// them and <c>TermHelp</c> ("?" next to a word) shows one and links to its entry.
/// </summary>
public static class Glossary
{
    public const string Lane = "lane";
    public const string PidTid = "pid-tid";
    public const string LatencyBound = "latency-bound";
    public const string Limit = "limit";
    public const string Calibrated = "calibrated";
    public const string P90 = "p90";
    public const string GrainSilo = "grain-silo";
    public const string Gmp = "gmp";
    public const string WelchTest = "welch";

    /// <summary>Every term, in the order the glossary lists them.</summary>
    public static IReadOnlyList<GlossaryTerm> Terms { get; } =
    [
        new(Lane, "Lane", "One place a task can run at a time: a thread, a worker process, a node's slot, or one of async's waits. A strategy's lanes are how many tasks it can have going at once; the timelines draw one row per lane."),
        new(PidTid, "pid:tid", "Process id and thread id: which operating-system process and which thread inside it ran the task. Two tasks on the same pid:tid ran one after the other."),
        new(LatencyBound, "Latency bound", "The least time a strategy can take when its tasks mostly wait: the waits it must do one after another (tasks over lanes, rounded up) times the target's latency. No strategy can beat it without more lanes."),
        new(Limit, "Limit", "The best wall time this machine allows for a strategy: its latency bound for waiting work, or its CPU seconds spread over the cores it can use for CPU work. \"Of limit\" is that limit over the measured time (1 = as fast as possible)."),
        new(Calibrated, "Calibrated", "Measured on this machine rather than assumed: the lab times the power workload in one worker process and in one per core, once, and uses the ratio as what the cores can really give (a little under the core count)."),
        new(P90, "p90", "The 90th percentile: 9 in 10 values are at or below it. For task durations it says how long the slow tasks took, without letting one outlier decide."),
        new(GrainSilo, "Grain and silo", "Orleans words used by the cluster strategy: a silo is one lab node (a process that joined the cluster); a grain is the object on a silo that runs tasks sent to it."),
        new(Gmp, "GMP", "The GNU Multiple Precision library (libgmp): fast big-integer arithmetic in C. The power workload can use it or .NET's own BigInteger (managed), which is 20 to 40 times slower."),
        new(WelchTest, "Welch's t-test", "A test of whether two sets of repetitions differ by more than their noise, without assuming equal spread. Compare marks a difference significant when the test's p is below 0.05; it needs at least 2 repetitions a side, and 3 or more to say much."),
    ];

    /// <summary>The terms <paramref name="texts"/> use (case-insensitive, "lanes" counts as "lane"), in glossary order.</summary>
    public static IReadOnlyList<GlossaryTerm> UsedIn(IEnumerable<string> texts)
    {
        var all = string.Join('\n', texts);
        return [.. Terms.Where(t => t.Term.Split(" and ").Any(word => all.Contains(word, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The term with <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">No such term.</exception>
    public static GlossaryTerm Get(string id) =>
        Terms.FirstOrDefault(t => t.Id == id) ?? throw new ArgumentException($"No glossary term '{id}'.", nameof(id));
}
