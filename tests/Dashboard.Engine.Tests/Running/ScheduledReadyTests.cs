using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Workloads;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// Ready counts "scheduled" time too: a continuation whose wait was due but that had not run yet
/// (issue 20). For waits whose due moment the lab knows (a sleep wheel slot, a one-wait group's
/// continuation start) the time from that moment to the task's segment 2 is ready, at most the gap
/// between its segments, so CPU, ready and wait still add up to the span.
/// </summary>
public sealed class ScheduledReadyTests
{
    private static readonly long TicksPerMs = MonotonicClock.Frequency / 1000;

    [Theory]
    [InlineData(30, 20)] // due inside the gap: ready from the due moment
    [InlineData(5, 40)] // due before segment 1 ended: the whole gap, no more
    [InlineData(60, 0)] // due after segment 2 began (cancelled early): none
    [InlineData(0, 0)] // not known: none
    public void Add_SecondSegmentWithDueTime_ReadyIsFromDueToItsStartWithinTheGap(int dueMs, int readyMs)
    {
        var times = new TaskTimes();
        var origin = MonotonicClock.Now;
        times.Add(thread: 1, start: origin, end: origin + (10 * TicksPerMs), cpuNs: 0, readyNs: 0);
        times.Add(thread: 2, start: origin + (50 * TicksPerMs), end: origin + (55 * TicksPerMs), cpuNs: 0, readyNs: 0, dueAt: dueMs == 0 ? 0 : origin + (dueMs * TicksPerMs));

        var timing = times.Snapshot(spanSeconds: 0.055);

        Assert.Equal(readyMs / 1000.0, timing.Ready!.Value, precision: 6);
        Assert.Equal(2, timing.Segments!.Count);
    }

    [Fact]
    public void Add_DueTimeOnAFirstSegment_CountsNothing()
    {
        var times = new TaskTimes();
        var origin = MonotonicClock.Now;
        times.Add(thread: 1, start: origin + (50 * TicksPerMs), end: origin + (55 * TicksPerMs), cpuNs: 0, readyNs: 0, dueAt: origin);

        Assert.Equal(0, times.Snapshot(spanSeconds: 1).Ready!.Value);
    }

    [Fact]
    public async Task OneWaitGroup_EachTaskSpendsTimeAfterItsEnd_LaterTasksAreReadyForTheTimeBeforeThem()
    {
        const int Tasks = 8;
        const int SpinMs = 25;
        var spun = await RunGroupAsync(Tasks, SpinMs);
        var quiet = await RunGroupAsync(Tasks, spinMs: 0);

        // Task k of the group resumes after the k tasks before it, each holding the continuation SpinMs.
        foreach (var span in spun.OrderBy(s => s.Task))
        {
            Assert.True(span.Ready >= (span.Task * SpinMs / 1000.0) - 1e-5, $"task {span.Task}: ready {span.Ready} s, expected at least {span.Task * SpinMs} ms");
        }

        AssertAddsUp(spun);
        AssertAddsUp(quiet);
        var least = SpinMs / 1000.0 * Tasks * (Tasks - 1) / 2;
        Assert.True(quiet.Sum(s => s.Ready!.Value) < least / 4, $"quiet twin: ready {quiet.Sum(s => s.Ready!.Value)} s over its tasks, the spun run at least {least} s");
    }

    /// <summary>Tasks sharing one wait (one group); each task's end holds the group's continuation <paramref name="spinMs"/> of wall time.</summary>
    private static async Task<IReadOnlyList<TaskSpan>> RunGroupAsync(int tasks, int spinMs)
    {
        var parameters = new HelloParameters(tasks, "Test", 1);
        var shared = new TaskCompletionSource<string>();
        var observer = new Observer(tasks, spinMs);
        var all = StartOnItsOwnThread(() => TaskLoop.RunAllAsync(new SharedWait(parameters, shared.Task), TaskLoop.Of(Enumerable.Range(0, tasks)), cap: null, observer, CancellationToken.None));
        await Task.Delay(20);
        shared.SetResult("hi");
        await all.WaitAsync(TimeSpan.FromSeconds(60));
        TaskFlow.Settle();
        return observer.Recorder.Spans();
    }

    /// <summary>Starts the loop on a thread of its own, as the lab's async strategy does: segment 2 runs on a pool thread, a hop, so the span keeps its segments.</summary>
    internal static Task StartOnItsOwnThread(Func<Task> start)
    {
        Task? started = null;
        var thread = new Thread(() => started = start()) { IsBackground = true };
        thread.Start();
        thread.Join();
        return started!;
    }

    internal static void AssertAddsUp(IReadOnlyList<TaskSpan> spans)
    {
        Assert.All(spans, s =>
        {
            Assert.Equal(TaskStatus.Ok, s.Status);
            var segments = Assert.IsAssignableFrom<IReadOnlyList<TaskSegment>>(s.Segments);
            Assert.Equal(2, segments.Count);
            Assert.True(segments[0].End <= segments[1].Start, $"task {s.Task}: {segments[0]} then {segments[1]}");
            var (cpu, ready, wait) = (s.Cpu!.Value, s.Ready!.Value, s.Wait!.Value);
            Assert.True(cpu >= 0 && ready >= 0 && wait >= 0, $"task {s.Task}: {cpu} {ready} {wait}");
            // Each figure is rounded to the microsecond.
            Assert.True(Math.Abs(s.End - s.Start - (cpu + ready + wait)) <= 3e-6, $"task {s.Task}: {cpu} + {ready} + {wait} is not its span {s.End - s.Start}");
        });
    }

    /// <summary>A one-wait workload whose every task is handed the same wait (it carries no due time: the group's continuation start is taken).</summary>
    private sealed class SharedWait(HelloParameters parameters, Task<string> wait) : IWorkload
    {
        public WorkloadParameters Parameters => parameters;

        public bool AsyncIsOneWait => true;

        public void Prepare()
        {
        }

        public string Run(TaskContext context) => throw new NotSupportedException();

        public ValueTask<string> RunAsync(TaskContext context) => new(wait);

        public string Check(IReadOnlyDictionary<int, string> outputs) => WorkloadChecks.Ok;

        public void Dispose()
        {
        }
    }

    /// <summary>The lab's recorder behind the loop; each end, once recorded, holds its thread <paramref name="spinMs"/> of wall time.</summary>
    internal sealed class Observer(int tasks, int spinMs) : ITaskLoopObserver
    {
        public TaskRecorder Recorder { get; } = new(Channel.CreateUnbounded<LabEvent>().Writer, "async", 0, tasks, MonotonicClock.Now);

        public ConcurrentQueue<int> Ended { get; } = new();

        TaskTimes? ITaskLoopObserver.Started(int task)
        {
            Recorder.Started(task, Lane.Current, MonotonicClock.Now);
            return Recorder.Track(task);
        }

        public void Progress(int task, string detail)
        {
        }

        void ITaskLoopObserver.Ended(int task, TaskEventKind kind, string? detail)
        {
            Assert.True(Recorder.Finish(task, kind, Lane.Current, MonotonicClock.Now, detail), $"task {task} ended twice");
            Ended.Enqueue(task);
            var until = Stopwatch.GetTimestamp() + (spinMs * Stopwatch.Frequency / 1000);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(100);
            }
        }
    }
}

/// <summary>
/// Hello's waits on the sleep wheel carry their slot's due time: a pool held busy past it leaves
/// every task ready (due, not run) until the pool frees, and a pool left alone does not. Holds the
/// pool on purpose, so it runs alone (<see cref="StarvationCollection"/>).
/// </summary>
[Collection(StarvationCollection.Name)]
public sealed class ScheduledReadyPoolTests
{
    private const int Tasks = 20;
    private const int DelayMs = 50;
    private const int HoldMs = 500;

    [Fact]
    public async Task HelloOnTheWheel_PoolHeldPastTheDueTime_EveryTaskReadyUntilThePoolFrees()
    {
        var (spans, origin, heldUntil) = await RunHelloAsync(holdPool: true);

        var freed = MonotonicClock.Seconds(origin, heldUntil);
        Assert.All(spans, s =>
        {
            // The sleep began within segment 1 and was due at most a millisecond (the wheel's) after
            // its delay; segment 2 began no earlier than the pool freed.
            var least = freed - (s.Segments![0].End + (DelayMs / 1000.0) + 0.001) - 1e-5;
            Assert.True(s.Ready >= least, $"task {s.Task}: ready {s.Ready} s, expected at least {least:0.000} s");
        });
        ScheduledReadyTests.AssertAddsUp(spans);
    }

    [Fact]
    public async Task HelloOnTheWheel_PoolLeftAlone_ReadyFarBelowAHeldPool()
    {
        var (spans, _, _) = await RunHelloAsync(holdPool: false);

        var ready = spans.Select(s => s.Ready!.Value).Order().ToArray();
        Assert.True(ready[ready.Length / 2] < (HoldMs - DelayMs) / 1000.0 / 4, $"median ready {ready[ready.Length / 2]} s");
        ScheduledReadyTests.AssertAddsUp(spans);
    }

    private static async Task<(IReadOnlyList<TaskSpan> Spans, long Origin, long HeldUntil)> RunHelloAsync(bool holdPool)
    {
        using var hello = new HelloWorkload(new HelloParameters(Tasks, "Test", DelayMs));
        var observer = new ScheduledReadyTests.Observer(Tasks, spinMs: 0);
        var heldUntil = MonotonicClock.Now + (HoldMs * MonotonicClock.Frequency / 1000);
        if (holdPool)
        {
            // More blockers than pool threads, queued before the tasks start: the wheel's completions
            // queue behind them, and a thread the pool adds meanwhile takes the next blocker.
            // Up to its minimum the pool adds a thread at once, past it about one per half second.
            ThreadPool.GetMinThreads(out var least, out _);
            for (var i = 0; i < Math.Max(ThreadPool.ThreadCount, least) + 32; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static until =>
                {
                    while (MonotonicClock.Now < until)
                    {
                        Thread.Sleep(1);
                    }
                }, heldUntil, preferLocal: false);
            }
        }

        var all = ScheduledReadyTests.StartOnItsOwnThread(() => TaskLoop.RunAllAsync(hello, TaskLoop.Of(Enumerable.Range(0, Tasks)), cap: null, observer, CancellationToken.None));
        await all.WaitAsync(TimeSpan.FromSeconds(60));
        TaskFlow.Settle();
        return (observer.Recorder.Spans(), observer.Recorder.Origin, heldUntil);
    }
}
