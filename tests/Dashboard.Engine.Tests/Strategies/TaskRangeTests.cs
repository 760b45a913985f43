using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Strategies;

/// <summary>The task indices as an already complete reader (<see cref="TaskLoop.Range"/>): what <see cref="TaskLoop.Of"/> gives for a range.</summary>
public sealed class TaskRangeTests
{
    [Fact]
    public async Task Range_ReadToTheEnd_YieldsEveryIndexInOrderThenCompletes()
    {
        var range = TaskLoop.Range(5);
        Assert.True(range.CanCount);
        Assert.Equal(5, range.Count);
        Assert.False(range.Completion.IsCompleted);

        var read = new List<int>();
        while (await range.WaitToReadAsync())
        {
            while (range.TryRead(out var task))
            {
                read.Add(task);
            }
        }

        Assert.Equal([0, 1, 2, 3, 4], read);
        Assert.Equal(0, range.Count);
        Assert.True(range.Completion.IsCompletedSuccessfully);
        Assert.False(range.TryRead(out _));
    }

    [Fact]
    public async Task Range_Empty_IsCompleteAtOnce()
    {
        var range = TaskLoop.Range(0);
        Assert.False(range.TryRead(out _));
        Assert.False(await range.WaitToReadAsync());
        Assert.True(range.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Range_ThroughTheAsyncLoop_StartsAndEndsEveryTaskOnce()
    {
        var ended = new int[300];
        var observer = new CountingObserver(ended);
        using var workload = new HelloWorkload(new HelloParameters(ended.Length, "Test", 1));

        await TaskLoop.RunAllAsync(workload, TaskLoop.Range(ended.Length), cap: null, observer, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(ended, count => Assert.Equal(1, count));
    }

    private sealed class CountingObserver(int[] ended) : ITaskLoopObserver
    {
        public TaskTimes? Started(int task) => null;

        public void Progress(int task, string detail)
        {
        }

        public void Ended(int task, TaskEventKind kind, string? detail)
        {
            Assert.Equal(TaskEventKind.Completed, kind);
            Interlocked.Increment(ref ended[task]);
        }
    }
}
