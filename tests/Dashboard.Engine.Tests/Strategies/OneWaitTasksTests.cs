using System.Collections.Concurrent;
using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>
/// Uncapped one-wait async tasks wait in groups that share their wait (<see cref="OneWaitTasks"/>):
/// every task still ends exactly once, with its wait's outcome, in start order within its group,
/// with its two segments recorded; a group never waits for tasks that have not arrived.
/// </summary>
public sealed class OneWaitTasksTests
{
    private static readonly HelloParameters Hello = new(9, "Test", 1);

    [Fact]
    public async Task RunAllAsync_TasksSharingWaits_EachEndsOnceInStartOrderWithTwoSegments()
    {
        var waits = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<string>()).ToArray();
        using var workload = new SharedWaits(Hello, task => waits[task / 3].Task);
        var observer = new Observer(Hello.Tasks);

        var all = TaskLoop.RunAllAsync(workload, TaskLoop.Of(Enumerable.Range(0, Hello.Tasks)), cap: null, observer, CancellationToken.None);
        Assert.False(all.IsCompleted);
        Assert.Empty(observer.Ended);

        // Outcomes arrive in another order than the groups began.
        waits[2].SetResult("c");
        waits[0].SetResult("a");
        waits[1].SetResult("b");
        await all.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Hello.Tasks, observer.Ended.Count);
        Assert.Equal(Enumerable.Range(0, Hello.Tasks), observer.Ended.Select(e => e.Task).Order());
        foreach (var group in observer.Ended.GroupBy(e => e.Task / 3))
        {
            Assert.Equal(group.Select(e => e.Task).Order(), group.Select(e => e.Task));
            Assert.All(group, e => Assert.Equal(((char)('a' + group.Key)).ToString(), e.Detail));
        }

        var spans = observer.Recorder.Spans();
        Assert.All(spans, s =>
        {
            Assert.Equal(TaskStatus.Ok, s.Status);
            Assert.Equal(2, Assert.IsAssignableFrom<IReadOnlyList<TaskSegment>>(s.Segments).Count);
        });
    }

    [Fact]
    public async Task RunAllAsync_SharedWaitFailsOrIsCancelled_EveryTaskOfItsGroupEndsSo()
    {
        using var cancel = new CancellationTokenSource();
        var failing = new TaskCompletionSource<string>();
        var cancelled = new TaskCompletionSource<string>();
        using var workload = new SharedWaits(Hello, task => task < 5 ? failing.Task : cancelled.Task);
        var observer = new Observer(Hello.Tasks);

        var all = TaskLoop.RunAllAsync(workload, TaskLoop.Of(Enumerable.Range(0, Hello.Tasks)), cap: null, observer, cancel.Token);
        failing.SetException(new InvalidOperationException("no greeting"));
        cancel.Cancel();
        cancelled.SetCanceled(cancel.Token);
        await all.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, Hello.Tasks), observer.Ended.Select(e => e.Task).Order());
        Assert.All(observer.Ended.Where(e => e.Task < 5), e => Assert.Equal(TaskEventKind.Failed, e.Kind));
        Assert.All(observer.Ended.Where(e => e.Task < 5), e => Assert.Contains("no greeting", e.Detail));
        Assert.All(observer.Ended.Where(e => e.Task >= 5), e => Assert.Equal(TaskEventKind.Cancelled, e.Kind));
    }

    [Fact]
    public async Task RunAllAsync_LoopWaitsForMoreTasks_GroupSoFarEndsWithoutThem()
    {
        var shared = new TaskCompletionSource<string>();
        using var workload = new SharedWaits(Hello, _ => shared.Task);
        var observer = new Observer(Hello.Tasks);
        var tasks = Channel.CreateUnbounded<int>();
        var all = TaskLoop.RunAllAsync(workload, tasks.Reader, cap: null, observer, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            tasks.Writer.TryWrite(i);
        }

        // Tasks 0-2 share the wait with tasks still to come, but the loop is waiting for them: they end now.
        await WaitUntilAsync(() => observer.Started == 3);
        shared.SetResult("hi");
        await WaitUntilAsync(() => observer.Ended.Count == 3);
        Assert.False(all.IsCompleted);

        // Later tasks find the wait done: one segment each, ended where they started.
        for (var i = 3; i < Hello.Tasks; i++)
        {
            tasks.Writer.TryWrite(i);
        }

        tasks.Writer.Complete();
        await all.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, Hello.Tasks), observer.Ended.Select(e => e.Task).Order());
        Assert.All(observer.Ended, e => Assert.Equal("hi", e.Detail));
    }

    [Fact]
    public async Task RunAllAsync_StampedStarts_FirstSegmentRunsFromItsStartToTheNextStart()
    {
        var shared = new TaskCompletionSource<string>();
        using var workload = new SharedWaits(Hello, _ => shared.Task);
        var observer = new StampedObserver(Hello.Tasks);

        var all = TaskLoop.RunAllAsync(workload, TaskLoop.Range(Hello.Tasks), cap: null, observer, CancellationToken.None);
        shared.SetResult("hi");
        await all.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, Hello.Tasks), observer.Ended.Select(e => e.Task).Order());
        for (var task = 0; task < Hello.Tasks; task++)
        {
            // One clock reading: the task's start is its first segment's start, and the next task's
            // start ends it; the last task's first segment ends when its group closes.
            var segments = Assert.IsAssignableFrom<IReadOnlyList<(int Thread, long Start, long End)>>(observer.Times[task]!.Snapshot(60).Segments);
            Assert.Equal(2, segments.Count);
            Assert.Equal(observer.Stamps[task], segments[0].Start);
            if (task + 1 < Hello.Tasks)
            {
                Assert.Equal(observer.Stamps[task + 1], segments[0].End);
            }

            Assert.True(segments[0].End <= segments[1].Start, $"task {task}: its first segment ends after its second began");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>A workload whose async form is one wait: the task <paramref name="waitOf"/> gives, shared as the test chooses.</summary>
    private sealed class SharedWaits(HelloParameters parameters, Func<int, Task<string>> waitOf) : IWorkload
    {
        public WorkloadParameters Parameters => parameters;

        public bool AsyncIsOneWait => true;

        public void Prepare()
        {
        }

        public string Run(TaskContext context) => throw new NotSupportedException();

        public ValueTask<string> RunAsync(TaskContext context) => new(waitOf(context.Task));

        public string Check(IReadOnlyDictionary<int, string> outputs) => WorkloadChecks.Ok;

        public void Dispose()
        {
        }
    }

    /// <summary>The lab's recorder behind a loop that stamps starts itself (<see cref="IStampedStartObserver"/>), keeping each task's stamp and times.</summary>
    private sealed class StampedObserver(int tasks) : ITaskLoopObserver, IStampedStartObserver
    {
        public TaskRecorder Recorder { get; } = new(Channel.CreateUnbounded<LabEvent>().Writer, "async", 0, tasks, MonotonicClock.Now);

        public long[] Stamps { get; } = new long[tasks];

        public TaskTimes?[] Times { get; } = new TaskTimes?[tasks];

        public ConcurrentQueue<(int Task, TaskEventKind Kind, string? Detail)> Ended { get; } = new();

        TaskTimes? ITaskLoopObserver.Started(int task) => throw new InvalidOperationException("the loop stamps its starts");

        TaskTimes IStampedStartObserver.Started(int task, long timestamp)
        {
            Stamps[task] = timestamp;
            return Times[task] = Recorder.StartedTracked(task, Lane.Current, timestamp);
        }

        public void Progress(int task, string detail)
        {
        }

        void ITaskLoopObserver.Ended(int task, TaskEventKind kind, string? detail)
        {
            Assert.True(Recorder.Finish(task, kind, Lane.Current, MonotonicClock.Now, detail), $"task {task} ended twice");
            Ended.Enqueue((task, kind, detail));
        }
    }

    /// <summary>The lab's own recorder behind the loop, and every end in the order it was heard.</summary>
    private sealed class Observer(int tasks) : ITaskLoopObserver
    {
        private int _started;

        public TaskRecorder Recorder { get; } = new(Channel.CreateUnbounded<LabEvent>().Writer, "async", 0, tasks, MonotonicClock.Now);

        public ConcurrentQueue<(int Task, TaskEventKind Kind, string? Detail)> Ended { get; } = new();

        public int Started => Volatile.Read(ref _started);

        TaskTimes? ITaskLoopObserver.Started(int task)
        {
            Recorder.Started(task, Lane.Current, MonotonicClock.Now);
            Interlocked.Increment(ref _started);
            return Recorder.Track(task);
        }

        public void Progress(int task, string detail)
        {
        }

        void ITaskLoopObserver.Ended(int task, TaskEventKind kind, string? detail)
        {
            Assert.True(Recorder.Finish(task, kind, Lane.Current, MonotonicClock.Now, detail), $"task {task} ended twice");
            Ended.Enqueue((task, kind, detail));
        }
    }
}
