using System.Diagnostics;
using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Tests.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Runtimes;

/// <summary>The Python twins run as a second runtime: real python3 processes, real loopback HTTP.</summary>
[Collection(SimTargetsCollection.Name)]
public sealed class PythonRuntimeTests(SimTargetsFixture targets) : IDisposable
{
    private readonly RunHarness _harness = new();

    public static TheoryData<string> Twins => [.. PythonTwins.Strategies];

    private WorkloadEnvironment Environment => targets.Environment(_harness.OutputDirectory);

    private async Task<(List<LabEvent> Events, RunResult Result)> RunAsync(RunPlan plan) =>
        await RunHarness.CompleteAsync(new LabRunner().Start(plan, Environment, CancellationToken.None)).WaitAsync(RunHarness.Timeout);

    [Fact]
    public void Probe_ThisMachine_HasPythonAndEveryLibrary()
    {
        // A missing interpreter or library must fail here, not skip: run-all.sh installs them.
        var probe = new PythonLauncher().Probe();
        Assert.Null(probe.Problem);
        Assert.StartsWith("3.", probe.Python);
    }

    [Fact]
    public void Probe_MissingInterpreter_NamesIt()
    {
        var probe = new PythonLauncher("/nonexistent/python3").Probe();
        Assert.Contains("Python 3 is not installed", probe.Problem);
    }

    [Fact]
    public async Task Clock_PythonMonotonicNs_IsTheEnginesMonotonicClock()
    {
        var before = MonotonicClock.Now;
        using var python = Process.Start(new ProcessStartInfo(new PythonLauncher().PythonPath, ["-c", "import time; print(time.monotonic_ns())"])
        {
            RedirectStandardOutput = true,
        })!;
        var printed = long.Parse((await python.StandardOutput.ReadToEndAsync()).Trim(), CultureInfo.InvariantCulture);
        await python.WaitForExitAsync();
        var after = MonotonicClock.Now;

        var at = MonotonicClock.FromNanoseconds(printed);
        Assert.InRange(at, before, after);
    }

    [Fact]
    public async Task Both_Power_EveryTwinRunsBesideItsDotnetStrategyWithEqualOutputs()
    {
        var plan = new RunPlan(new PowerParameters(Start: 20_000, Count: 6), [.. StrategyCatalog.DefaultIds],
            Options: new StrategyOptions(ProcessCount: 2), Runtime: LabRuntime.Both);

        var (events, result) = await RunAsync(plan);

        // .NET then its twin, strategy by strategy; parallel has no twin and runs in .NET only.
        Assert.Equal(
            ["sequential", "python-sequential", "threads", "python-threads", "threadpool", "python-threadpool", "async", "python-async",
                "parallel", "processes", "python-processes", "async-processes", "python-async-processes"],
            result.Results.Select(r => r.Strategy));
        Assert.Equal(["parallel"], plan.WithoutPythonTwin);
        Assert.All(result.Results, r => Assert.Equal((6, 0, "ok"), (r.TasksOk, r.TasksFailed, r.OutputCheck)));

        // Power's bits and checksum per task are the same in every strategy of both runtimes.
        var outputs = result.Results.Select(r => string.Join("|", r.Spans.OrderBy(s => s.Task).Select(s => s.Detail))).Distinct().ToList();
        Assert.Single(outputs);
        Assert.StartsWith("bits=", outputs[0]);

        // Python lanes are real pids: threads in the runner, process pools in children.
        var runner = result.Results.Single(r => r.Strategy == "python-threads");
        Assert.Equal(6, runner.Lanes);
        Assert.Single(runner.Spans.Select(s => s.Lane.ProcessId).Distinct());
        var pool = result.Results.Single(r => r.Strategy == "python-processes");
        Assert.InRange(pool.Spans.Select(s => s.Lane.ProcessId).Distinct().Count(), 1, 2);
        Assert.DoesNotContain(System.Environment.ProcessId, pool.Spans.Select(s => s.Lane.ProcessId));

        // Python spans sit inside their repetition, on the Engine's clock.
        var started = events.OfType<StrategyStarted>().Single(s => s.Strategy == "python-sequential");
        var pythonEvents = events.OfType<TaskEvent>().Where(e => e.Strategy == "python-sequential").ToList();
        Assert.Equal(12, pythonEvents.Count);
        Assert.All(pythonEvents, e => Assert.True(e.Timestamp >= started.Timestamp, "a Python event predates its repetition"));
        var sequential = result.Results.Single(r => r.Strategy == "python-sequential").Spans.OrderBy(s => s.Start).ToList();
        for (var i = 1; i < sequential.Count; i++)
        {
            Assert.True(sequential[i - 1].End <= sequential[i].Start);
        }
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Python_GenreAndScrape_PassTheDotnetChecks(string strategy)
    {
        targets.SetLatency(5);
        var options = new StrategyOptions(ProcessCount: 2);

        var (_, genre) = await RunAsync(new RunPlan(new GenreParameters(9), [strategy], Options: options, Runtime: LabRuntime.Python));
        var g = Assert.Single(genre.Results);
        Assert.Equal((PythonTwins.Key(strategy), 9, 0, "ok"), (g.Strategy, g.TasksOk, g.TasksFailed, g.OutputCheck));
        Assert.Equal(9, Directory.EnumerateFiles(_harness.OutputDirectory, "new_file*.txt").Count());

        var (_, scrape) = await RunAsync(new RunPlan(new ScrapeParameters(11), [strategy], Options: options, Runtime: LabRuntime.Python));
        var s = Assert.Single(scrape.Results);
        Assert.Equal((11, 0, "ok"), (s.TasksOk, s.TasksFailed, s.OutputCheck));
    }

    [Fact]
    public void Validate_PythonOnlyWithParallel_NamesTheMissingTwin()
    {
        var plan = new RunPlan(new PowerParameters(Count: 2), [StrategyIds.Parallel, StrategyIds.Threads], Runtime: LabRuntime.Python);

        var errors = plan.Validate();

        Assert.Contains(errors["strategies"], e => e.Contains("parallel has no Python twin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_PythonHelloProcesses_EndsAsCancelledAndLeavesNoProcess()
    {
        using var cts = new CancellationTokenSource();
        var plan = new RunPlan(new HelloParameters(4, "n", HelloParameters.MaxDelayMs), [StrategyIds.Processes],
            Options: new StrategyOptions(ProcessCount: 2), Runtime: LabRuntime.Python);
        var run = new LabRunner(new LabRunnerOptions { GracePeriod = TimeSpan.FromSeconds(2) }).Start(plan, Environment, cts.Token);
        var pids = new HashSet<int>();
        var collected = Task.Run(async () =>
        {
            await foreach (var e in run.Events)
            {
                if (e is TaskEvent { Kind: TaskEventKind.Started } t)
                {
                    lock (pids)
                    {
                        pids.Add(t.Lane.ProcessId);
                        if (pids.Count == 2)
                        {
                            cts.Cancel();
                        }
                    }
                }
            }
        });

        var result = await run.Completion.WaitAsync(RunHarness.Timeout);
        await collected.WaitAsync(RunHarness.Timeout);

        Assert.True(result.Cancelled);
        Assert.Equal(4, result.Results[0].Spans.Count(s => s.Status == Dashboard.Engine.Running.TaskStatus.Cancelled));
        // A killed process leaves /proc when the kernel has torn it down, later on a loaded machine:
        // wait for that (generously, yet far less than the tasks' own minute) rather than a fixed moment.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (pids.Any(pid => RunHarness.IsAlive(pid) && !IsZombie(pid)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.All(pids, pid => Assert.False(RunHarness.IsAlive(pid) && !IsZombie(pid), $"process {pid} outlived the run"));
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _harness.Dispose();
}
