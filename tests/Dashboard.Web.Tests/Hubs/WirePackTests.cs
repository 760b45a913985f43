using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Web.Hubs;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Storage;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>The packed (MessagePack) form of feed messages reads back as the same message, and is smaller.</summary>
public sealed class WirePackTests
{
    [Fact]
    public void WriteRead_BatchOfEveryEventType_SameJsonAsTheOriginal()
    {
        var run = TestRuns.Finished(5, TestRuns.HelloPlan(tasks: 3, repeat: 1, "async"));
        var sample = new CounterSample(0.1234567891, 42, 12.5, 10, 2.5, 9, 4, 3, 0.5, 12.25, 80.125);
        var batch = new RunFeedBatch(5,
        [
            new WireEvent(1, "strategy-started", "async", -1, -1, null, 0, 1795695630270.351, null, null, TaskCount: 3),
            new WireEvent(2, "task", "async", -1, 0, "started", 0.000125, 1795695630270.476, "27903:20", null),
            new WireEvent(3, "task", "async", -1, 2, "completed", 0.053582, 1795695630323.933, "27903:21", "Hello, Robert Paulson!"),
            new WireEvent(4, "task", "async", 0, 1, "failed", 0.1, 1795695630324.1, "27903:20", "boom", Node: "node-1"),
            new WireEvent(5, "task", "async", 0, 0, "completed", 1.0 / 3, 1795695630324.123456, "27903:20", "Hello, Robert Paulson!"),
            new WireEvent(6, "counters", "async", 0, -1, null, sample.T, 1795695630324.2, null, null, Counters: sample),
            new WireEvent(7, "strategy-completed", "async", 0, -1, null, 0.2, 1795695630325, null, null, Result: run.Results[0]),
        ], run);

        var read = WirePack.Read(WirePack.Write(batch));

        Assert.Equal(Json(batch), Json(read));
        var snapshot = new RunFeedSnapshot(5, run, batch.Events, 7);
        Assert.Equal(Json(snapshot), Json(WirePack.Read(WirePack.Write(snapshot))));
    }

    [Fact]
    public void Write_ThousandTaskEvents_UnderATenthOfTheJsonBytes()
    {
        var events = Enumerable.Range(0, 1_000).Select(i => new WireEvent(
            i + 1, "task", "async", 0, i / 2, i % 2 == 0 ? "started" : "completed", Math.Round(i * 0.000731, 6),
            Math.Round(1795695630270.351 + (i * 0.731), 3), $"27903:{20 + (i % 4)}", i % 2 == 0 ? null : "Hello, Robert Paulson!")).ToArray();
        var batch = new RunFeedBatch(9, events, null);

        var packed = WirePack.Write(batch);

        Assert.InRange(packed.Length, 1, JsonSerializer.SerializeToUtf8Bytes<RunFeedMessage>(batch, WirePack.Json).Length / 10);
        Assert.Equal(Json(batch), Json(WirePack.Read(packed)));
    }

    private static string Json(RunFeedMessage message) => JsonSerializer.Serialize(message, WirePack.Json);
}
