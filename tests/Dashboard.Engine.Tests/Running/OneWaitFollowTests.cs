using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Running;

/// <summary>
/// Hello's async form is one wait with nothing after it, so the task loop follows its two
/// segments itself (no AsyncLocal per task); every other async form is followed through the
/// AsyncLocal. Either way a span says the same: where it started, the thread it resumed on (a
/// hop), its two segments in order within the span, and its split.
/// </summary>
public sealed class OneWaitFollowTests : IDisposable
{
    private const int Tasks = 40;
    private const int DelayMs = 40;

    private readonly RunHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Catalog_OnlyHelloSaysItsAsyncFormIsOneWait()
    {
        Assert.Equal(["hello"], WorkloadCatalog.All.Where(w => w.AsyncIsOneWait).Select(w => w.Id));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HelloAsync_FollowedByTheLoopOrTheAsyncLocal_RecordsTwoSegmentsAHopAndTheSplit(bool loopFollows)
    {
        var runner = new LabRunner(new LabRunnerOptions
        {
            BackgroundPriority = false,
            WorkloadFactory = (parameters, environment) =>
            {
                var hello = WorkloadFactory.Create(parameters, environment);
                return loopFollows ? hello : new FollowedByAsyncLocal(hello);
            },
        });
        var (_, result) = await _harness.RunAsync(runner, new RunPlan(new HelloParameters(Tasks, "Test", DelayMs), [StrategyIds.Async]));

        var r = Assert.Single(result.Results);
        Assert.Equal(Tasks, r.TasksOk);
        Assert.All(r.Spans, s =>
        {
            // Started on the lab's async thread, resumed by the wait's continuation on a pool thread.
            Assert.NotNull(s.Threads);
            var threads = s.Threads.ToArray();
            Assert.Equal(2, threads.Length);
            Assert.Equal(s.Lane.ThreadId, threads[0]);
            Assert.NotEqual(threads[0], threads[1]);

            var segments = Assert.IsAssignableFrom<IReadOnlyList<TaskSegment>>(s.Segments);
            Assert.Equal(2, segments.Count);
            Assert.Equal(threads, segments.Select(g => g.Thread).ToArray());
            Assert.True(segments[0].Start >= s.Start - 1e-6 && segments[1].End <= s.End + 1e-6, $"task {s.Task}: segments outside the span");
            Assert.True(segments[0].Start <= segments[0].End && segments[1].Start <= segments[1].End, $"task {s.Task}: a segment ends before it starts");

            // The wait lies between the two segments.
            Assert.True(segments[1].Start - segments[0].Start >= (DelayMs - 1) / 1000.0, $"task {s.Task}: {segments[0]} then {segments[1]}");

            var cpu = Assert.NotNull(s.Cpu);
            var ready = Assert.NotNull(s.Ready);
            Assert.True(cpu + ready <= s.End - s.Start + 1e-6, $"task {s.Task}: cpu {cpu} + ready {ready} over its span");
        });

        // The repetition's split adds up to its spans, and its CPU and ready are theirs.
        var split = Assert.IsType<TimeSplit>(TimeSplit.Of(r));
        Assert.Equal(r.Spans.Sum(s => s.End - s.Start), split.Cpu + split.Ready + split.Wait, 3);
        Assert.Equal(r.Spans.Sum(s => s.Cpu ?? 0), split.Cpu, 3);
        Assert.Equal(r.Spans.Sum(s => s.Ready ?? 0), split.Ready, 3);
    }

    [Fact]
    public async Task TwoAwaits_FollowedByTheAsyncLocal_RecordMoreThanTwoSegments()
    {
        var (_, result) = await _harness.RunAsync(_harness.Runner(TestWork.TwoSleeps, backgroundPriority: false),
            RunHarness.Plan(StrategyIds.Async, 20, 30));

        var r = Assert.Single(result.Results);
        Assert.Equal(20, r.TasksOk);

        // The loop alone would see two segments (start to the first pending await, its own
        // resumption to the end); the AsyncLocal sees the resumption between the two sleeps too.
        Assert.All(r.Spans, s =>
        {
            var segments = Assert.IsAssignableFrom<IReadOnlyList<TaskSegment>>(s.Segments);
            Assert.True(segments.Count >= 3, $"task {s.Task}: {segments.Count} segments");
            Assert.Equal(s.Lane.ThreadId, segments[0].Thread);
            Assert.NotNull(s.Cpu);
        });
    }

    [Fact]
    public async Task HelloAsyncInWorkerProcesses_FollowedByTheLoop_SendTheirSegmentsAndSplit()
    {
        var runner = new LabRunner(new LabRunnerOptions { BackgroundPriority = false });
        var (_, result) = await _harness.RunAsync(runner, new RunPlan(new HelloParameters(Tasks, "Test", DelayMs), [StrategyIds.AsyncProcesses],
            Options: new StrategyOptions(ProcessCount: 2)));

        var r = Assert.Single(result.Results);
        Assert.Equal(Tasks, r.TasksOk);
        Assert.All(r.Spans, s =>
        {
            Assert.NotNull(s.Cpu);
            Assert.NotNull(s.Ready);
            if (s.Segments is { } segments)
            {
                // Sent only for a task that moved between threads: its start's and its wait's.
                Assert.Equal(2, segments.Count);
                Assert.NotEqual(segments[0].Thread, segments[1].Thread);
                Assert.True(segments[1].Start >= segments[0].End - 1e-6, $"task {s.Task}: {segments[0]} then {segments[1]}");
            }
        });
    }

    /// <summary>Hello itself, but saying its async form is not one wait: the AsyncLocal follows it, as before the loop did.</summary>
    private sealed class FollowedByAsyncLocal(IWorkload inner) : IWorkload
    {
        public WorkloadParameters Parameters => inner.Parameters;

        public bool AsyncIsOneWait => false;

        public void Prepare() => inner.Prepare();

        public string Run(TaskContext context) => inner.Run(context);

        public ValueTask<string> RunAsync(TaskContext context) => inner.RunAsync(context);

        public string Check(IReadOnlyDictionary<int, string> outputs) => inner.Check(outputs);

        public void Dispose() => inner.Dispose();
    }
}
