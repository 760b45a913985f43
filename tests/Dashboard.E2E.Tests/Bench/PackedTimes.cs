using MessagePack;

namespace Dashboard.E2E.Tests.Bench;

/// <summary>
/// What a watcher that only measures needs from one packed hub message (Hubs/PROTOCOL.md): its
/// kind, and each event's seq, type code and wall time, read straight from the columns (deltas
/// summed) while every other key is skipped. 50 of these in one process cost the server's cores
/// almost nothing, as <c>LatencyWatcher</c> scans JSON instead of deserialising it.
/// </summary>
internal sealed class PackedTimes
{
    private PackedTimes(bool snapshot, long[] seqs, long[] types, long[] wallMicros)
    {
        Snapshot = snapshot;
        Seqs = seqs;
        Types = types;
        WallMicros = wallMicros;
    }

    public bool Snapshot { get; }

    public long[] Seqs { get; }

    /// <summary>Type codes: 1 = task (PROTOCOL.md, <c>ty</c>).</summary>
    public long[] Types { get; }

    /// <summary>Each event's wallMs in µs (Unix).</summary>
    public long[] WallMicros { get; }

    public static PackedTimes Read(ReadOnlyMemory<byte> packed)
    {
        var reader = new MessagePackReader(packed);
        var keys = reader.ReadMapHeader();
        var snapshot = false;
        long[] seqs = [], types = [], walls = [];
        for (var i = 0; i < keys; i++)
        {
            switch (reader.ReadString())
            {
                case "t":
                    snapshot = reader.ReadString() == "snapshot";
                    break;
                case "seq":
                    seqs = Sums(ref reader);
                    break;
                case "wu":
                    walls = Sums(ref reader);
                    break;
                case "ty":
                    types = Values(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new PackedTimes(snapshot, seqs, types, walls);
    }

    private static long[] Values(ref MessagePackReader reader)
    {
        var values = new long[reader.ReadArrayHeader()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadInt64();
        }

        return values;
    }

    private static long[] Sums(ref MessagePackReader reader)
    {
        var values = Values(ref reader);
        for (var i = 1; i < values.Length; i++)
        {
            values[i] += values[i - 1];
        }

        return values;
    }
}
