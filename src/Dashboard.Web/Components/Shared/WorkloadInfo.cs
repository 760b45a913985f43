using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Components.Shared;

/// <summary>What the Run page's card says about one workload, and the tutorial's figures for it.</summary>
/// <param name="Reference">The tutorial's timings (8-core laptop, real internet), as quoted in SEED.md.</param>
public sealed record WorkloadInfo(
    string Id,
    string Title,
    string Icon,
    string What,
    string Why,
    string Reference,
    WorkloadKind Kind)
{
    public static IReadOnlyList<WorkloadInfo> All { get; } =
    [
        new(GenreParameters.WorkloadId, "Genre I/O", MudBlazor.Icons.Material.Filled.MusicNote,
            "GET a random music genre, write it to its own file.",
            "Almost all waiting on the network: I/O-bound.",
            "tutorial, 5 calls: sequential 1.42 s · threads 0.77 s · asyncio 0.71 s",
            WorkloadKind.IoBound),
        new(PowerParameters.WorkloadId, "Big-integer power", MudBlazor.Icons.Material.Filled.Functions,
            "Compute i^i for 16 numbers from 1,000,000 (~20 million bits each).",
            "Pure arithmetic, no waiting: CPU-bound.",
            "tutorial, 16 tasks: sequential 54.6 s · thread pool 53.8 s · process pool 6.2 s",
            WorkloadKind.CpuBound),
        new(ScrapeParameters.WorkloadId, "Page scrape", MudBlazor.Icons.Material.Filled.Article,
            "GET a random page, parse it, append its first <h1> to one shared file.",
            "Waiting plus parsing: mixed.",
            "tutorial, 100 pages: sequential 88.9 s · asyncio 47.9 s · processes 8.9 s · asyncio in processes 5.7 s",
            WorkloadKind.Mixed),
        new(HelloParameters.WorkloadId, "Hello", MudBlazor.Icons.Material.Filled.WavingHand,
            "The tutorial's say_hello: check the name, wait, greet.",
            "Nothing but waits: what a wait costs each strategy.",
            "tutorial: one greeting waits 2 s without blocking",
            WorkloadKind.IoBound),
    ];

    public static WorkloadInfo Get(string id) =>
        All.FirstOrDefault(w => w.Id == id) ?? throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown workload.");
}
