using System.Buffers;
using System.Text.Json;
using Dashboard.Web.Runs.Admission;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using MessagePack;

namespace Dashboard.Web.Hubs;

/// <summary>
/// The MessagePack form of a <see cref="RunFeedMessage"/>: the events as columns (a run's events
/// repeat the same strategies, lanes and details, and their sequence numbers, task indices and
/// times move in small steps), so a task event costs about 15 bytes instead of about 250 of JSON.
/// A map: <c>t</c> "snapshot" | "batch", <c>id</c> run id, <c>last</c> (snapshot) last seq,
/// <c>run</c> the run summary as UTF-8 JSON bytes or nil (rare: on a change), <c>s</c> the
/// strings the columns point into, <c>n</c> event count, then columns of n values each:
/// <c>seq</c> (first value, then deltas), <c>ty</c> type code, <c>st</c> strategy string,
/// <c>rep</c> repetition, <c>task</c> (delta), <c>k</c> kind code, <c>tu</c> time in µs (delta),
/// <c>wu</c> wallMs in µs (delta), <c>ln</c>, <c>d</c>, <c>nd</c> lane, detail, node strings
/// (-1 = null), and <c>x</c>: [index, event as UTF-8 JSON] for each event the columns cannot say
/// exactly (strategy and counter events, which carry results and samples). <see cref="Read"/>
/// gives back the same message; PROTOCOL.md describes it for other clients.
/// </summary>
public static class WirePack
{
    private static readonly string[] Types =
        [WireEventConverter.StrategyStartedType, WireEventConverter.TaskType, WireEventConverter.StrategyCompletedType, WireEventConverter.CountersType];

    private static readonly string[] Kinds = ["queued", "started", "progress", "completed", "failed", "cancelled"];

    /// <summary>The JSON settings of the embedded run summaries and events (the hub's: <see cref="WireJson"/>).</summary>
    public static JsonSerializerOptions Json { get; } = WireJson.Configure(new JsonSerializerOptions());

    /// <summary>Packs a message already trimmed for the wire (<see cref="WireTrim"/>).</summary>
    public static byte[] Write(RunFeedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (type, events, run, lastSeq) = message switch
        {
            RunFeedSnapshot s => ("snapshot", s.Events, (RunSummary?)s.Run, (long?)s.LastSeq),
            RunFeedBatch b => ("batch", b.Events, b.Run, null),
            _ => throw new ArgumentException($"Unknown feed message {message.GetType().Name}.", nameof(message)),
        };

        var buffer = new ArrayBufferWriter<byte>(64 + (events.Count * 16));
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(lastSeq is null ? 17 : 18);
        writer.Write("t");
        writer.Write(type);
        writer.Write("id");
        writer.Write(message.RunId);
        if (lastSeq is { } last)
        {
            writer.Write("last");
            writer.Write(last);
        }

        writer.Write("run");
        if (run is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(JsonSerializer.SerializeToUtf8Bytes(run, Json));
        }

        WriteEvents(ref writer, events);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Unpacks what <see cref="Write"/> packed: the same message, event for event.</summary>
    public static RunFeedMessage Read(ReadOnlyMemory<byte> packed)
    {
        var reader = new MessagePackReader(packed);
        var count = reader.ReadMapHeader();
        string type = "batch";
        long runId = 0;
        long? lastSeq = null;
        RunSummary? run = null;
        var columns = new PackedColumns();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            switch (key)
            {
                case "t": type = reader.ReadString() ?? "batch"; break;
                case "id": runId = reader.ReadInt64(); break;
                case "last": lastSeq = reader.ReadInt64(); break;
                case "run":
                    run = reader.TryReadNil() ? null : JsonSerializer.Deserialize<RunSummary>(reader.ReadBytes()!.Value.ToArray(), Json);
                    break;
                default: columns.Read(key!, ref reader); break;
            }
        }

        var events = columns.ToEvents();
        return type == "snapshot"
            ? new RunFeedSnapshot(runId, run ?? throw new InvalidDataException("A packed snapshot has no run."), events, lastSeq ?? 0)
            : new RunFeedBatch(runId, events, run);
    }

    private static void WriteEvents(ref MessagePackWriter writer, IReadOnlyList<WireEvent> events)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int Index(string? value)
        {
            if (value is null)
            {
                return -1;
            }

            if (!strings.TryGetValue(value, out var index))
            {
                strings[value] = index = table.Count;
                table.Add(value);
            }

            return index;
        }

        var n = events.Count;
        var strategy = new int[n];
        var lane = new int[n];
        var detail = new int[n];
        var node = new int[n];
        var extras = new List<(int Index, byte[] Json)>();
        for (var i = 0; i < n; i++)
        {
            var e = events[i];
            strategy[i] = Index(e.Strategy);
            lane[i] = Index(e.Lane);
            detail[i] = Index(e.Detail);
            node[i] = Index(e.Node);
            if (!Exact(e))
            {
                extras.Add((i, JsonSerializer.SerializeToUtf8Bytes(e, Json)));
            }
        }

        writer.Write("s");
        writer.WriteArrayHeader(table.Count);
        foreach (var s in table)
        {
            writer.Write(s);
        }

        writer.Write("n");
        writer.Write(n);
        WriteDeltas(ref writer, "seq", events, e => e.Seq);
        WriteColumn(ref writer, "ty", n, i => Array.IndexOf(Types, events[i].Type));
        WriteColumn(ref writer, "st", n, i => strategy[i]);
        WriteColumn(ref writer, "rep", n, i => events[i].Repetition);
        WriteDeltas(ref writer, "task", events, e => e.Task);
        WriteColumn(ref writer, "k", n, i => events[i].Kind is { } kind ? Array.IndexOf(Kinds, kind) : -1);
        WriteDeltas(ref writer, "tu", events, e => Micro(e.Time, 1e6));
        WriteDeltas(ref writer, "wu", events, e => Micro(e.WallMs, 1e3));
        WriteColumn(ref writer, "ln", n, i => lane[i]);
        WriteColumn(ref writer, "d", n, i => detail[i]);
        WriteColumn(ref writer, "nd", n, i => node[i]);
        writer.Write("x");
        writer.WriteArrayHeader(extras.Count);
        foreach (var (index, json) in extras)
        {
            writer.WriteArrayHeader(2);
            writer.Write(index);
            writer.Write(json);
        }
    }

    // A task event the columns say exactly: its codes are known and its times survive the µs round trip.
    private static bool Exact(WireEvent e) =>
        e.Type == WireEventConverter.TaskType && e.TaskCount is null && e.Result is null && e.Counters is null
        && (e.Kind is null || Array.IndexOf(Kinds, e.Kind) >= 0)
        && Micro(e.Time, 1e6) / 1e6 == e.Time && Micro(e.WallMs, 1e3) / 1e3 == e.WallMs;

    internal static long Micro(double value, double scale) => (long)Math.Round(value * scale);

    private static void WriteColumn(ref MessagePackWriter writer, string name, int n, Func<int, long> value)
    {
        writer.Write(name);
        writer.WriteArrayHeader(n);
        for (var i = 0; i < n; i++)
        {
            writer.Write(value(i));
        }
    }

    private static void WriteDeltas(ref MessagePackWriter writer, string name, IReadOnlyList<WireEvent> events, Func<WireEvent, long> value)
    {
        writer.Write(name);
        writer.WriteArrayHeader(events.Count);
        long previous = 0;
        foreach (var e in events)
        {
            var current = value(e);
            writer.Write(current - previous);
            previous = current;
        }
    }

    internal static string? KindAt(long code) => code < 0 || code >= Kinds.Length ? null : Kinds[code];

    internal static string TypeAt(long code) =>
        code >= 0 && code < Types.Length ? Types[code] : throw new InvalidDataException($"Unknown packed event type {code}.");
}
