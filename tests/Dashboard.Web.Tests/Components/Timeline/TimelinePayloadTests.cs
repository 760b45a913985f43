using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Web.Components.Timeline;
using Dashboard.Web.Runs.Feed;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Components.Timeline;

public sealed class TimelinePayloadTests
{
    [Fact]
    public void Write_TaskEvent_PacksTheRowTimelineJsDecodes()
    {
        var e = new WireEvent(5, "task", StrategyIds.Async, 1, 42, "failed", 0.123456789, 1_700_000_000_123.456, "1234:7", "HTTP 503");

        using var json = JsonDocument.Parse(TimelinePayload.Write([e], 0, 1));

        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(9, row.GetArrayLength());
        Assert.Equal(1, row[0].GetInt32());
        Assert.Equal("async", row[1].GetString());
        Assert.Equal(1, row[2].GetInt32());
        Assert.Equal(42, row[3].GetInt32());
        Assert.Equal(4, row[4].GetInt32());
        Assert.Equal(0.123457, row[5].GetDouble());
        Assert.Equal(1_700_000_000_123.5, row[6].GetDouble());
        Assert.Equal("1234:7", row[7].GetString());
        Assert.Equal("HTTP 503", row[8].GetString());
    }

    [Fact]
    public void Write_ClusterTaskEvent_AddsTheNodeAfterTheDetail()
    {
        var e = new WireEvent(6, "task", StrategyIds.Cluster, 0, 3, "started", 0.5, 1, "4321:9", null, Node: "node-2");

        using var json = JsonDocument.Parse(TimelinePayload.Write([e], 0, 1));

        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(10, row.GetArrayLength());
        Assert.Equal("4321:9", row[7].GetString());
        Assert.Equal("node-2", row[9].GetString());
    }

    [Fact]
    public void Write_LongDetail_CutToTheLimit()
    {
        var e = new WireEvent(1, "task", StrategyIds.Sequential, 0, 0, "completed", 1, 1, "1:1", new string('x', 5_000));

        using var json = JsonDocument.Parse(TimelinePayload.Write([e], 0, 1));

        Assert.Equal(TimelinePayload.MaxDetailLength + 1, json.RootElement[0][8].GetString()!.Length);
    }

    [Fact]
    public void Write_Slice_OnlyThoseEvents()
    {
        var events = Enumerable.Range(0, 10)
            .Select(i => new WireEvent(i + 1, "task", StrategyIds.Threads, 0, i, "started", i, i, "1:1", null))
            .ToList();

        using var json = JsonDocument.Parse(TimelinePayload.Write(events, 4, 3));

        Assert.Equal([4, 5, 6], json.RootElement.EnumerateArray().Select(r => r[3].GetInt32()));
    }

    [Fact]
    public void Write_SliceOutOfRange_Throws()
    {
        var events = new[] { new WireEvent(1, "task", StrategyIds.Threads, 0, 0, "started", 0, 0, "1:1", null) };

        Assert.Throws<ArgumentOutOfRangeException>(() => TimelinePayload.Write(events, 0, 2));
    }

    [Fact]
    public void Write_StrategyCompleted_ListsTheTasksThatChangedThreadWithTheirThreadsInOrder()
    {
        var spans = new List<TaskSpan>
        {
            new(0, new Lane(1, 4), 0, 0.1, TaskStatus.Ok) { Threads = [4, 9, 4] },
            new(1, new Lane(1, 4), 0, 0.1, TaskStatus.Ok) { Threads = [4] },                 // stayed: not listed
            new(2, new Lane(1, 5), 0, 0.1, TaskStatus.Failed),                               // not recorded: not listed
            new(3, new Lane(1, 5), 0, 0.1, TaskStatus.Ok) { Threads = Enumerable.Range(1, 300).ToList() },
        };
        var result = new StrategyResult(StrategyIds.Async, 0, 0.2, 0.01, 2, 3, 1, "ok", 0, spans);
        var e = new WireEvent(9, "strategy-completed", StrategyIds.Async, 0, -1, null, 0.2, 1, null, null, Result: result);

        using var json = JsonDocument.Parse(TimelinePayload.Write([e], 0, 1));

        var row = json.RootElement[0];
        Assert.Equal(14, row.GetArrayLength());
        Assert.Equal("failed", row[11].GetString());
        Assert.Equal(0, row[13].GetArrayLength());                                      // no task measured its split
        var threads = row[12].EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToList()).ToList();
        Assert.Equal(2, threads.Count);
        Assert.Equal([0, 4, 9, 4], threads[0]);                                          // task, then its threads
        Assert.Equal(3, threads[1][0]);
        Assert.Equal(TimelinePayload.MaxThreadsPerTask, threads[1].Count - 1);            // bounded per task
        Assert.Equal(Enumerable.Range(1, TimelinePayload.MaxThreadsPerTask), threads[1].Skip(1));
    }
}
