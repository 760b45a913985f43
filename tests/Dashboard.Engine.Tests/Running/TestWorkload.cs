using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Running;

/// <summary>What a <see cref="TestWorkload"/> task really does.</summary>
public enum TestWork
{
    /// <summary>Blocks (or awaits) for the delay: I/O-like waiting.</summary>
    Sleep,

    /// <summary>Burns CPU for the delay.</summary>
    Spin,

    /// <summary>Writes task{i}.txt into the output folder.</summary>
    File,

    /// <summary>Holds one lock shared by every task for the delay: the others wait for it (contention).</summary>
    Lock,

    /// <summary>Sleeps (or awaits) twice for the delay: an async form of more than one wait.</summary>
    TwoSleeps,
}

/// <summary>
/// A real workload for runner tests: sleeps, spins or writes files, counts how often each task
/// ran and how many ran at once, records each task thread's nice value, and fails chosen tasks.
/// </summary>
public sealed class TestWorkload(HelloParameters parameters, WorkloadEnvironment environment, TestWork work, IReadOnlySet<int>? failing = null) : IWorkload
{
    private readonly int[] _runs = new int[parameters.Tasks];
    private readonly object _shared = new();
    private int _running;
    private int _maxRunning;

    public WorkloadParameters Parameters => parameters;

    public WorkloadKind Kind => work == TestWork.Spin ? WorkloadKind.CpuBound : WorkloadKind.IoBound;

    /// <summary>Its async form runs code after its wait (the count, the output): not hello's one wait.</summary>
    public bool AsyncIsOneWait => false;

    public int Prepared { get; private set; }

    public bool Disposed { get; private set; }

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public int RunsOf(int task) => Volatile.Read(ref _runs[task]);

    /// <summary>Nice value of the thread each task ran on (Linux).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, int?> Nice { get; } = new();

    public void Prepare()
    {
        Prepared++;
        Directory.CreateDirectory(environment.OutputDirectory);
        foreach (var file in Directory.EnumerateFiles(environment.OutputDirectory, "task*.txt"))
        {
            System.IO.File.Delete(file);
        }
    }

    public string Run(TaskContext context)
    {
        Enter(context.Task);
        try
        {
            switch (work)
            {
                case TestWork.Sleep:
                    context.CancellationToken.WaitHandle.WaitOne(parameters.DelayMs);
                    break;
                case TestWork.Spin:
                    var until = Environment.TickCount64 + parameters.DelayMs;
                    while (Environment.TickCount64 < until && !context.CancellationToken.IsCancellationRequested)
                    {
                    }

                    break;
                case TestWork.File:
                    System.IO.File.WriteAllText(PathOf(context.Task), $"task {context.Task}");
                    break;
                case TestWork.TwoSleeps:
                    context.CancellationToken.WaitHandle.WaitOne(parameters.DelayMs);
                    context.CancellationToken.WaitHandle.WaitOne(parameters.DelayMs);
                    break;
                case TestWork.Lock:
                    lock (_shared)
                    {
                        Thread.Sleep(parameters.DelayMs);
                    }

                    break;
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            return Finish(context.Task);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async ValueTask<string> RunAsync(TaskContext context)
    {
        Enter(context.Task);
        try
        {
            switch (work)
            {
                case TestWork.Sleep:
                    await Task.Delay(parameters.DelayMs, context.CancellationToken);
                    break;
                case TestWork.TwoSleeps:
                    await Task.Delay(parameters.DelayMs, context.CancellationToken);
                    await Task.Delay(parameters.DelayMs, context.CancellationToken);
                    break;
                case TestWork.Spin:
                    var until = Environment.TickCount64 + parameters.DelayMs;
                    while (Environment.TickCount64 < until && !context.CancellationToken.IsCancellationRequested)
                    {
                    }

                    break;
                case TestWork.File:
                    await System.IO.File.WriteAllTextAsync(PathOf(context.Task), $"task {context.Task}", context.CancellationToken);
                    break;
            }

            context.CancellationToken.ThrowIfCancellationRequested();
            return Finish(context.Task);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public string Check(IReadOnlyDictionary<int, string> outputs)
    {
        var wrong = outputs.Where(kv => kv.Value != $"done {kv.Key}").Select(kv => kv.Key).ToList();
        if (wrong.Count > 0)
        {
            return $"tasks {string.Join(",", wrong)} returned the wrong output";
        }

        if (work == TestWork.File)
        {
            var files = Directory.EnumerateFiles(environment.OutputDirectory, "task*.txt").Count();
            if (files != outputs.Count)
            {
                return $"{files} files for {outputs.Count} tasks";
            }
        }

        return "ok";
    }

    public void Dispose() => Disposed = true;

    private void Enter(int task)
    {
        Interlocked.Increment(ref _runs[task]);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        if (ThreadNice.CurrentOsThreadId is { } tid)
        {
            Nice[task] = ThreadNice.ReadNice(Environment.ProcessId, tid);
        }

        if (failing?.Contains(task) == true)
        {
            throw new InvalidOperationException($"task {task} was told to fail");
        }
    }

    private string Finish(int task) => $"done {task}";

    private string PathOf(int task) => Path.Combine(environment.OutputDirectory, $"task{task}.txt");
}
