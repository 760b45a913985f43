using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Running;

/// <summary>Starts runs with a temp output folder and collects their events and result.</summary>
public sealed class RunHarness : IDisposable
{
    /// <summary>Generous: the machine is shared and slow; this bounds hangs, it is not a timing claim.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public RunHarness()
    {
        OutputDirectory = Path.Combine(Path.GetTempPath(), "lab-tests", Guid.NewGuid().ToString("n"));
        Environment = new WorkloadEnvironment("http://127.0.0.1:9/sim/", OutputDirectory);
    }

    public string OutputDirectory { get; }

    public WorkloadEnvironment Environment { get; }

    public TestWorkload? Workload { get; private set; }

    public LabRunner Runner(TestWork work, IReadOnlySet<int>? failing = null, bool backgroundPriority = true) =>
        new(new LabRunnerOptions
        {
            BackgroundPriority = backgroundPriority,
            GracePeriod = TimeSpan.FromMilliseconds(500),
            WorkloadFactory = (parameters, environment) =>
                Workload = new TestWorkload((HelloParameters)parameters, environment, work, failing),
        });

    public static RunPlan Plan(string strategy, int tasks, int delayMs, StrategyOptions? options = null, int repeat = 1, int warmup = 0) =>
        new(new HelloParameters(tasks, "Test", delayMs), [strategy], repeat, warmup, options);

    public static async Task<(List<LabEvent> Events, RunResult Result)> CompleteAsync(LabRun run)
    {
        var events = new List<LabEvent>();
        await foreach (var e in run.Events.WithCancellation(CancellationToken.None))
        {
            events.Add(e);
        }

        var result = await run.Completion.WaitAsync(Timeout);
        return (events, result);
    }

    public async Task<(List<LabEvent> Events, RunResult Result)> RunAsync(LabRunner runner, RunPlan plan)
    {
        var run = runner.Start(plan, Environment, CancellationToken.None);
        return await CompleteAsync(run).WaitAsync(Timeout);
    }

    /// <summary>Most spans running at one instant (ends before starts at equal times).</summary>
    public static int MaxOverlap(IEnumerable<TaskSpan> spans) => StrategyResult.MaxInFlight(spans);

    /// <summary>True while /proc has an entry for the pid: alive, or a zombie nobody reaped.</summary>
    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
