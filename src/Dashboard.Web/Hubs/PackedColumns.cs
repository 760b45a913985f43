using System.Buffers;
using System.Text.Json;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using MessagePack;

namespace Dashboard.Web.Hubs;

/// <summary>The event columns of a packed message as read back (<see cref="WirePack.Read"/>), turned into events.</summary>
internal sealed class PackedColumns
{
    private readonly Dictionary<string, long[]> _columns = new(StringComparer.Ordinal);
    private readonly Dictionary<int, WireEvent> _extras = [];
    private string[] _strings = [];
    private int _count;

    public void Read(string key, ref MessagePackReader reader)
    {
        switch (key)
        {
            case "s":
                _strings = new string[reader.ReadArrayHeader()];
                for (var i = 0; i < _strings.Length; i++)
                {
                    _strings[i] = reader.ReadString()!;
                }

                break;
            case "n":
                _count = reader.ReadInt32();
                break;
            case "x":
                var extras = reader.ReadArrayHeader();
                for (var i = 0; i < extras; i++)
                {
                    reader.ReadArrayHeader();
                    var index = reader.ReadInt32();
                    _extras[index] = JsonSerializer.Deserialize<WireEvent>(reader.ReadBytes()!.Value.ToArray(), WirePack.Json)!;
                }

                break;
            default:
                var values = new long[reader.ReadArrayHeader()];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.ReadInt64();
                }

                _columns[key] = values;
                break;
        }
    }

    public IReadOnlyList<WireEvent> ToEvents()
    {
        var (seqs, types, strategies, repetitions, tasks, kinds) = (Column("seq"), Column("ty"), Column("st"), Column("rep"), Column("task"), Column("k"));
        var (times, walls, lanes, details, nodes) = (Column("tu"), Column("wu"), Column("ln"), Column("d"), Column("nd"));
        var events = new WireEvent[_count];
        long seq = 0, task = 0, time = 0, wall = 0;
        for (var i = 0; i < _count; i++)
        {
            // Deltas run through every event, the ones sent whole in the extras too.
            seq += seqs[i];
            task += tasks[i];
            time += times[i];
            wall += walls[i];
            events[i] = _extras.TryGetValue(i, out var extra)
                ? extra
                : new WireEvent(seq, WirePack.TypeAt(types[i]), String(strategies[i])!, (int)repetitions[i], (int)task,
                    WirePack.KindAt(kinds[i]), time / 1e6, wall / 1e3, String(lanes[i]), String(details[i]), Node: String(nodes[i]));
        }

        return events;
    }

    private long[] Column(string name) =>
        _columns.TryGetValue(name, out var values) && values.Length == _count
            ? values
            : throw new InvalidDataException($"The packed message's column {name} is missing or not {_count} long.");

    private string? String(long index) => index < 0 ? null : _strings[index];
}
