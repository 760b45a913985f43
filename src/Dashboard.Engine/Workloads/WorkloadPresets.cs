namespace Dashboard.Engine.Workloads;

/// <summary>
/// Ready-made parameters per workload: <c>tutorial</c> (the tutorial's own sizes), <c>quick</c>
/// (a few seconds at most for any strategy on a 2-core machine) and <c>stress</c> (large).
/// </summary>
public static class WorkloadPresets
{
    public const string Tutorial = "tutorial";
    public const string Quick = "quick";
    public const string Stress = "stress";

    /// <summary>
    /// The quick power start: with 16 tasks, a sequential run with the managed engine took
    /// ~3 s on our 2-core machine (each 150,000^150,000 ~0.2 s).
    /// </summary>
    public const int QuickPowerStart = 150_000;

    /// <summary>Preset ids in the order the UI shows them.</summary>
    public static IReadOnlyList<string> PresetIds { get; } = [Tutorial, Quick, Stress];

    /// <summary>Every preset of every workload, workloads in dashboard order.</summary>
    public static IReadOnlyList<WorkloadPreset> All { get; } =
    [
        new(GenreParameters.WorkloadId, Tutorial, new GenreParameters(Tasks: 5),
            "5 genre calls and 5 files, as in the tutorial."),
        new(GenreParameters.WorkloadId, Quick, new GenreParameters(Tasks: 20),
            "20 genre calls: a couple of seconds sequentially, a blink with threads or async."),
        new(GenreParameters.WorkloadId, Stress, new GenreParameters(Tasks: 1_000),
            "1,000 genre calls: async waits on them all at once; a small pool queues them."),

        new(PowerParameters.WorkloadId, Tutorial, new PowerParameters(Start: 1_000_000, Count: 16),
            "i^i for i in 1,000,000..1,000,015 (~20 million bits each), as in the tutorial."),
        new(PowerParameters.WorkloadId, Quick, new PowerParameters(Start: QuickPowerStart, Count: 16),
            "i^i for 16 i from 150,000: about 3 s sequentially with the managed engine."),
        new(PowerParameters.WorkloadId, Stress, new PowerParameters(Start: 1_000_000, Count: 64),
            "64 tasks of ~20 million bits: seconds with GMP, minutes with the managed engine."),

        new(ScrapeParameters.WorkloadId, Tutorial, new ScrapeParameters(Pages: 100),
            "100 random pages, first <h1> of each appended to one shared file, as in the tutorial."),
        new(ScrapeParameters.WorkloadId, Quick, new ScrapeParameters(Pages: 20),
            "20 random pages: a few seconds sequentially."),
        new(ScrapeParameters.WorkloadId, Stress, new ScrapeParameters(Pages: 1_000),
            "1,000 pages: waiting and parsing together, where async inside processes pays off."),

        new(HelloParameters.WorkloadId, Tutorial, new HelloParameters(Tasks: 3, DelayMs: 2_000),
            "3 greetings that each wait 2 s, like the tutorial's say_hello."),
        new(HelloParameters.WorkloadId, Quick, new HelloParameters(Tasks: 10, DelayMs: 100),
            "10 greetings waiting 100 ms each: 1 s sequentially."),
        // 20 ms, not 100: 10,000 waits of 100 ms are 1,000 s of sequential work per strategy, over
        // the dashboard's default run budget (900 s); the lesson is the 10,000, not the wait.
        new(HelloParameters.WorkloadId, Stress, new HelloParameters(Tasks: 10_000, DelayMs: 20),
            "10,000 waits of 20 ms: one thread each versus no thread at all."),
    ];

    /// <summary>The presets of one workload (tutorial, quick, stress).</summary>
    public static IReadOnlyList<WorkloadPreset> For(string workload) =>
        All.Where(p => string.Equals(p.Workload, workload, StringComparison.Ordinal)).ToList();

    /// <summary>The parameters of <paramref name="preset"/> for <paramref name="workload"/>.</summary>
    /// <exception cref="ArgumentException">Unknown workload or preset (the message lists the known ones).</exception>
    public static WorkloadParameters Get(string workload, string preset) =>
        TryGet(workload, preset, out var parameters)
            ? parameters
            : throw new ArgumentException(
                $"No preset '{ValueEcho.Short(preset)}' for workload '{ValueEcho.Short(workload)}'. Workloads: {string.Join(", ", WorkloadFactory.WorkloadIds)}; presets: {string.Join(", ", PresetIds)}.",
                nameof(preset));

    public static bool TryGet(string workload, string preset, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkloadParameters? parameters)
    {
        parameters = All.FirstOrDefault(p =>
            string.Equals(p.Workload, workload, StringComparison.Ordinal)
            && string.Equals(p.Preset, preset, StringComparison.Ordinal))?.Parameters;
        return parameters is not null;
    }
}
