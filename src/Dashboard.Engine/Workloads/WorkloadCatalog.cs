using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The four workloads as the dashboard introduces them. Figures are the tutorial's own
/// (testdriven.io, "Speeding Up Python with Concurrency, Parallelism, and asyncio"; 8-core
/// laptop, real internet), restated, for comparison with what this machine measures.
/// </summary>
public static class WorkloadCatalog
{
    public static WorkloadInfo Genre { get; } = new(
        GenreParameters.WorkloadId,
        "Genre I/O",
        "Each task asks the genre API for a random music genre and writes it to its own file.",
        "I/O-bound: threads and async overlap the waits; more cores change nothing.",
        WorkloadKind.IoBound,
        TutorialTasks: 5,
        [
            new(StrategyIds.Sequential, "sequential", 1.42),
            new(StrategyIds.Threads, "threading", 0.77),
            new(StrategyIds.Async, "asyncio", 0.71),
        ]);

    public static WorkloadInfo Power { get; } = new(
        PowerParameters.WorkloadId,
        "Big-integer power",
        "Each task computes i^i for one i (about 20 million bits at i = 1,000,000) and keeps its size and checksum.",
        "CPU-bound: only parallelism helps. Python needed processes (GIL); .NET threads use every core.",
        WorkloadKind.CpuBound,
        TutorialTasks: 16,
        [
            new(StrategyIds.Sequential, "sequential", 54.64),
            new(StrategyIds.ThreadPool, "thread pool", 53.83),
            new(StrategyIds.Processes, "process pool", 6.24),
        ]);

    public static WorkloadInfo Scrape { get; } = new(
        ScrapeParameters.WorkloadId,
        "Page scrape",
        "Each task fetches a random page, parses it, and appends its first heading to one shared file.",
        "Mixed: async overlaps the waits, processes add cores for the parsing; both together win.",
        WorkloadKind.Mixed,
        TutorialTasks: 100,
        [
            new(StrategyIds.Sequential, "sequential", 88.86),

            // The tutorial's "asyncio only" awaited each page in turn, so it was not concurrent.
            new(StrategyIds.Async, "asyncio only (one page at a time)", 47.92),
            new(StrategyIds.Processes, "process pool only", 8.87),
            new(StrategyIds.AsyncProcesses, "asyncio inside each process", 5.65),
        ]);

    public static WorkloadInfo Hello { get; } = new(
        HelloParameters.WorkloadId,
        "Hello",
        "Each task checks a name, waits, and greets: the tutorial's say_hello, the example for testing async code.",
        "Pure waiting: a blocked thread per wait versus thousands of waits on no thread at all.",
        WorkloadKind.IoBound,
        TutorialTasks: 1,
        []);

    /// <summary>All four, in dashboard order.</summary>
    public static IReadOnlyList<WorkloadInfo> All { get; } = [Genre, Power, Scrape, Hello];

    /// <summary>The workload with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">Unknown id (the message lists the known ones).</exception>
    public static WorkloadInfo Get(string id) =>
        All.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.Ordinal))
        ?? throw new ArgumentException($"Unknown workload '{ValueEcho.Short(id)}'. Known: {string.Join(", ", All.Select(w => w.Id))}.", nameof(id));
}
