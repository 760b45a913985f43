using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Worker.Tests;

public sealed class ProtocolTests
{
    public static TheoryData<WorkerMessage> Messages =>
    [
        new WorkerReady(4242, 123_456_789),
        new WorkerTaskMessage(7, TaskEventKind.Started, 99, 12),
        new WorkerTaskMessage(7, TaskEventKind.Progress, 100, 12, "bytes 40960"),
        new WorkerTaskMessage(7, TaskEventKind.Completed, 101, 13, "Hello, \"Bob\"!\n"),
        new WorkerTaskMessage(8, TaskEventKind.Failed, 102, 13, "HTTP 500 from /sim/genre"),
        new WorkerTaskMessage(9, TaskEventKind.Cancelled, 103, 1, "cancelled"),
        new WorkerDone(1.25, 40_000_000),
        new WorkerError("bad job: oops"),
        new WorkerCounters(555, 12.5, 10, 2.5, 30, 4, 7, 1.25, 3.5, 80.125),
    ];

    public static TheoryData<WorkloadParameters> Parameters =>
    [
        new HelloParameters(3, "Ünïcode name", 5),
        new PowerParameters(1_000, 4, PowerEngine.Managed),
        new PowerParameters(),
        new GenreParameters(12),
        new ScrapeParameters(9),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_RoundTrip_IsEqualAndOneLine(WorkerMessage message)
    {
        var json = JsonSerializer.Serialize(message, WorkerJson.Message);

        Assert.DoesNotContain('\n', json);
        Assert.Equal(message, JsonSerializer.Deserialize(json, WorkerJson.Message));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void MessageWriter_EveryMessage_ReadsBackEqualWithTheGeneratedContext(WorkerMessage message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            MessageWriter.Write(json, message);
        }

        Assert.Equal(message, JsonSerializer.Deserialize(buffer.WrittenSpan, WorkerJson.Message));
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Job_RoundTrip_KeepsParametersTypeAndValues(WorkloadParameters parameters)
    {
        var job = new WorkerJob(parameters, new WorkloadEnvironment("http://127.0.0.1:5000/sim/", "/tmp/out"),
            WorkerMode.Async, [4, 5, 6], 2, "async-processes", -1, true);

        var json = JsonSerializer.Serialize(job, WorkerJson.Job);
        var back = JsonSerializer.Deserialize(json, WorkerJson.Job)!;

        Assert.Contains($"\"workload\":\"{parameters.Workload}\"", json, StringComparison.Ordinal);
        Assert.Equal(parameters, back.Parameters);
        Assert.Equal(job.Environment, back.Environment);
        Assert.Equal(job.Tasks, back.Tasks);
        Assert.Equal((job.Mode, job.AsyncCap, job.Strategy, job.Repetition, job.BackgroundPriority),
            (back.Mode, back.AsyncCap, back.Strategy, back.Repetition, back.BackgroundPriority));
    }

    [Fact]
    public void Job_RoundTrip_CarriesTheRunsTargetCapabilityOnStdinNotInTheUrl()
    {
        var environment = new WorkloadEnvironment("http://127.0.0.1:5000/sim/", "/tmp/out") { TargetCapability = "cap-0123456789abcdef" };
        var job = new WorkerJob(new GenreParameters(Tasks: 3), environment, WorkerMode.Sequential, [0, 1, 2], null, "processes", 0, false);

        var json = JsonSerializer.Serialize(job, WorkerJson.Job);
        var back = JsonSerializer.Deserialize(json, WorkerJson.Job)!;

        Assert.Contains("\"targetCapability\":\"cap-0123456789abcdef\"", json, StringComparison.Ordinal);
        Assert.Equal("cap-0123456789abcdef", back.Environment.TargetCapability);
        Assert.Equal(environment, back.Environment);
    }

    [Fact]
    public void Tasks_RoundTrip_IsOneLineWithTasksAndEnd()
    {
        var json = JsonSerializer.Serialize(new WorkerTasks([3, 4], true), WorkerJson.Tasks);

        Assert.Equal("""{"tasks":[3,4],"end":true}""", json);
        var back = JsonSerializer.Deserialize(json, WorkerJson.Tasks)!;
        Assert.Equal([3, 4], back.Tasks);
        Assert.True(back.End);
    }

    [Fact]
    public void Job_WithoutPull_ReadsAsAShareJob()
    {
        var back = JsonSerializer.Deserialize("""{"parameters":{"workload":"hello","tasks":1,"name":"x","delayMs":0},"environment":{"targetBaseUrl":"x","outputDirectory":"/tmp"},"mode":"Sequential","tasks":[0],"asyncCap":null,"strategy":"processes","repetition":0,"backgroundPriority":false}""", WorkerJson.Job)!;

        Assert.False(back.Pull);
        Assert.Equal([0], back.Tasks);
    }

    [Fact]
    public void Message_UnknownType_IsRejected()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("""{"type":"gossip","x":1}""", WorkerJson.Message));
    }
}
