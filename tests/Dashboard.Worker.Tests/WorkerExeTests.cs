using System.Diagnostics;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Worker.Tests;

/// <summary>The real worker executable, started the way the engine starts it.</summary>
public sealed class WorkerExeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static Process Start()
    {
        var process = Process.Start(new WorkerLauncher().CreateStartInfo())!;
        process.BeginErrorReadLine();
        return process;
    }

    private static string JobLine(int tasks, int delayMs, WorkerMode mode) => JsonSerializer.Serialize(
        new WorkerJob(new HelloParameters(tasks, "Exe", delayMs), new WorkloadEnvironment("http://127.0.0.1:9/sim/", Path.GetTempPath()),
            mode, [.. Enumerable.Range(0, tasks)], null, "processes", 0, false), WorkerJson.Job);

    private static async Task<WorkerMessage> ReadAsync(Process process) =>
        JsonSerializer.Deserialize(await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout) ?? throw new EndOfStreamException(), WorkerJson.Message)!;

    [Theory]
    [InlineData(WorkerMode.Sequential)]
    [InlineData(WorkerMode.Async)]
    public async Task Worker_Job_ReportsReadyEveryTaskAndDone(WorkerMode mode)
    {
        using var process = Start();
        await process.StandardInput.WriteLineAsync(JobLine(3, 10, mode));
        await process.StandardInput.FlushAsync();

        var messages = new List<WorkerMessage>();
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout) is { } line)
        {
            messages.Add(JsonSerializer.Deserialize(line, WorkerJson.Message)!);
        }

        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(process.Id, Assert.IsType<WorkerReady>(messages[0]).ProcessId);
        var tasks = messages.OfType<WorkerTaskMessage>().ToList();
        Assert.Equal([0, 1, 2], tasks.Where(m => m.Kind == TaskEventKind.Started).Select(m => m.Task).Order());
        Assert.All(tasks.Where(m => m.Kind == TaskEventKind.Completed), m => Assert.Equal("Hello, Exe!", m.Detail));
        Assert.Equal(3, tasks.Count(m => m.Kind == TaskEventKind.Completed));
        var done = Assert.IsType<WorkerDone>(messages[^1]);
        Assert.True(done.PeakMemoryBytes > 0);

        // Each end says where the task's time went: a 10 ms sleep is waiting, not CPU. At least 9 of
        // its 10 ms are off the CPU whatever else the task's thread did (a fresh process's first
        // garbage collection under load is real CPU of that thread, tens of ms when cores are busy).
        Assert.All(tasks.Where(m => m.Kind == TaskEventKind.Completed), m =>
        {
            var started = tasks.Single(s => s.Task == m.Task && s.Kind == TaskEventKind.Started);
            var wall = MonotonicClock.Seconds(started.Timestamp, m.Timestamp);
            Assert.InRange(m.Cpu!.Value, 0, wall - 0.009);
        });
        Assert.All(tasks.Where(m => m.Kind == TaskEventKind.Started), m => Assert.NotNull(m.Received));
    }

    [Fact]
    public async Task Worker_JobWithCounters_SendsItsRuntimeEventsBeforeDone()
    {
        using var process = Start();
        var job = JsonSerializer.Deserialize(JobLine(2, 10, WorkerMode.Async), WorkerJson.Job)! with { CounterIntervalMs = 20 };
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(job, WorkerJson.Job));
        await process.StandardInput.FlushAsync();

        var messages = new List<WorkerMessage>();
        while (await process.StandardOutput.ReadLineAsync().WaitAsync(Timeout) is { } line)
        {
            messages.Add(JsonSerializer.Deserialize(line, WorkerJson.Message)!);
        }

        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.IsType<WorkerDone>(messages[^1]);
        var runtime = Assert.IsType<WorkerRuntimeEvents>(messages[^2]);
        Assert.True(runtime.Contentions >= 0 && runtime.Adjustments.Length % 3 == 0);
        Assert.Contains(messages, m => m is WorkerCounters);
    }

    [Theory]
    [InlineData(WorkerMode.Sequential)]
    [InlineData(WorkerMode.Async)]
    public async Task Worker_PullJob_RunsTasksAsTheyArriveAndExitsAfterEnd(WorkerMode mode)
    {
        using var process = Start();
        var job = new WorkerJob(new HelloParameters(10, "Exe", 10), new WorkloadEnvironment("http://127.0.0.1:9/sim/", Path.GetTempPath()),
            mode, [], null, "processes", 0, false, Pull: true);
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(job, WorkerJson.Job));
        await process.StandardInput.FlushAsync();
        Assert.IsType<WorkerReady>(await ReadAsync(process));

        // One task at a time, the next only after the previous one's end, as the parent hands them out.
        var order = new List<int>();
        foreach (var batch in new[] { new[] { 7 }, [2], [9] })
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new WorkerTasks(batch, batch[0] == 9), WorkerJson.Tasks));
            await process.StandardInput.FlushAsync();
            var started = Assert.IsType<WorkerTaskMessage>(await ReadAsync(process));
            Assert.Equal((batch[0], TaskEventKind.Started), (started.Task, started.Kind));
            var completed = Assert.IsType<WorkerTaskMessage>(await ReadAsync(process));
            Assert.Equal((batch[0], TaskEventKind.Completed, "Hello, Exe!"), (completed.Task, completed.Kind, completed.Detail));
            order.Add(completed.Task);
        }

        Assert.IsType<WorkerDone>(await ReadAsync(process));
        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal([7, 2, 9], order);
    }

    [Fact]
    public async Task Worker_PullJob_StdinClosedWhileWaitingForTasks_Exits()
    {
        using var process = Start();
        var job = new WorkerJob(new HelloParameters(10, "Exe", 0), new WorkloadEnvironment("http://127.0.0.1:9/sim/", Path.GetTempPath()),
            WorkerMode.Sequential, [], null, "processes", 0, false, Pull: true);
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(job, WorkerJson.Job));
        await process.StandardInput.FlushAsync();
        Assert.IsType<WorkerReady>(await ReadAsync(process));

        process.StandardInput.Close(); // the parent cancelled before handing anything out

        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.NotEqual(0, process.ExitCode);
    }

    [Fact]
    public async Task Worker_StdinClosedMidJob_Exits()
    {
        using var process = Start();
        await process.StandardInput.WriteLineAsync(JobLine(2, 60_000, WorkerMode.Sequential));
        await process.StandardInput.FlushAsync();
        Assert.IsType<WorkerReady>(await ReadAsync(process));
        Assert.Equal(TaskEventKind.Started, Assert.IsType<WorkerTaskMessage>(await ReadAsync(process)).Kind);

        process.StandardInput.Close(); // what a cancelling or dying parent does

        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.NotEqual(0, process.ExitCode);
    }

    [Fact]
    public async Task Worker_StdinClosedBeforeJob_ExitsWithoutWork()
    {
        using var process = Start();
        process.StandardInput.Close();

        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(2, process.ExitCode);
    }

    [Fact]
    public async Task Worker_BadJob_ReportsErrorAndExits()
    {
        using var process = Start();
        await process.StandardInput.WriteLineAsync("""{"parameters":{"workload":"hello","tasks":0,"name":"x","delayMs":0},"environment":{"targetBaseUrl":"x","outputDirectory":"/tmp"},"mode":"Sequential","tasks":[0],"asyncCap":null,"strategy":"processes","repetition":0,"backgroundPriority":false}""");
        await process.StandardInput.FlushAsync();

        Assert.IsType<WorkerReady>(await ReadAsync(process));
        var error = Assert.IsType<WorkerError>(await ReadAsync(process));
        Assert.Contains("tasks must be between", error.Message, StringComparison.Ordinal);
        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.Equal(2, process.ExitCode);
    }
}
