using System.Text.Json;
using Dashboard.Engine.Workers;

namespace Dashboard.Worker;

/// <summary>
/// Writes worker messages in exactly the JSON shape <see cref="WorkerJson.Message"/> reads, with a
/// plain Utf8JsonWriter. Why not the serializer here: its first use costs ~100 ms of a worker's
/// start-up (metadata and converters; measured), while the writer is ready at once. The parent
/// still reads with the source-generated context, and the tests check both agree on every message.
/// </summary>
internal static class MessageWriter
{
    public static void Write(Utf8JsonWriter json, WorkerMessage message)
    {
        json.WriteStartObject();
        switch (message)
        {
            case WorkerReady ready:
                json.WriteString("type", "ready");
                json.WriteNumber("processId", ready.ProcessId);
                json.WriteNumber("timestamp", ready.Timestamp);
                break;
            case WorkerTaskMessage task:
                json.WriteString("type", "task");
                json.WriteNumber("task", task.Task);
                json.WriteString("kind", task.Kind.ToString());
                json.WriteNumber("timestamp", task.Timestamp);
                json.WriteNumber("threadId", task.ThreadId);
                if (task.Detail is null)
                {
                    json.WriteNull("detail");
                }
                else
                {
                    json.WriteString("detail", task.Detail);
                }

                WriteTiming(json, task);
                break;
            case WorkerDone done:
                json.WriteString("type", "done");
                json.WriteNumber("cpuSeconds", done.CpuSeconds);
                json.WriteNumber("peakMemoryBytes", done.PeakMemoryBytes);
                break;
            case WorkerCounters c:
                json.WriteString("type", "counters");
                json.WriteNumber("timestamp", c.Timestamp);
                json.WriteNumber("cpuPercent", c.CpuPercent);
                json.WriteNumber("cpuUserPercent", c.CpuUserPercent);
                json.WriteNumber("cpuSystemPercent", c.CpuSystemPercent);
                json.WriteNumber("threads", c.Threads);
                json.WriteNumber("poolThreads", c.PoolThreads);
                json.WriteNumber("poolQueue", c.PoolQueue);
                json.WriteNumber("gcPauseMs", c.GcPauseMs);
                json.WriteNumber("allocatedMb", c.AllocatedMb);
                json.WriteNumber("workingSetMb", c.WorkingSetMb);
                json.WriteNumber("contentions", c.Contentions);
                json.WriteNumber("contentionWaitMs", c.ContentionWaitMs);
                json.WriteNumber("starvations", c.Starvations);
                break;
            case WorkerRuntimeEvents r:
                json.WriteString("type", "runtime");
                json.WriteNumber("contentions", r.Contentions);
                json.WriteNumber("contentionWaitSeconds", r.ContentionWaitSeconds);
                json.WriteStartArray("adjustments");
                foreach (var value in r.Adjustments)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
                break;
            case WorkerError error:
                json.WriteString("type", "error");
                json.WriteString("message", error.Message);
                break;
            default:
                throw new ArgumentException($"Unknown worker message {message.GetType().Name}.", nameof(message));
        }

        json.WriteEndObject();
    }

    private static void WriteTiming(Utf8JsonWriter json, WorkerTaskMessage task)
    {
        if (task.Cpu is { } cpu)
        {
            json.WriteNumber("cpu", cpu);
        }

        if (task.Ready is { } ready)
        {
            json.WriteNumber("ready", ready);
        }

        if (task.Received is { } received)
        {
            json.WriteNumber("received", received);
        }

        if (task.Segments is { } segments)
        {
            json.WriteStartArray("segments");
            foreach (var value in segments)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }
    }
}
