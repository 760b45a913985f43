using Dashboard.Engine.Running;
using static Dashboard.Web.Storage.Columns.ColumnCodec;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Storage.Columns;

/// <summary>Reads the chunks <see cref="SpanChunkWriter"/> wrote, one at a time.</summary>
internal sealed class SpanChunkReader(Stream input)
{
    private const byte GridMode = 0;
    private const byte RawMode = 1;

    // Brotli hands out bytes one call at a time; a buffer makes ReadByte cheap.
    private readonly BufferedStream _input = new(input, 64 * 1024);

    // Rows read before the current chunk: a row's number is its position in the whole list.
    private int _rows;

    // Where skipped texts are read into (a text is at most a few thousand bytes).
    private byte[] _skipped = new byte[256];

    /// <summary>The next chunk's spans, or null after the last.</summary>
    public TaskSpan[]? Next()
    {
        if (Read(keep: null) is not { } chunk)
        {
            return null;
        }

        return chunk.Spans;
    }

    /// <summary>
    /// The next chunk with only the rows <paramref name="keep"/> wants built (the others are null
    /// in <see cref="SpanChunk.Spans"/>), or null after the last chunk.
    /// </summary>
    public SpanChunk? Next(SpanRowFilter keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return Read(keep);
    }

    private SpanChunk? Read(SpanRowFilter? keep)
    {
        var count = (int)ReadVarint(_input);
        if (count == 0)
        {
            return null;
        }

        if (count > SpanBlob.ChunkSize)
        {
            throw new InvalidDataException($"Span blob: a chunk of {count} spans (at most {SpanBlob.ChunkSize}).");
        }

        var firstRow = _rows;
        _rows += count;
        var tasks = ReadDeltas(count);
        var processes = ReadDeltas(count);
        var threads = ReadDeltas(count);
        var (starts, ends) = ReadTimes(count);
        bool[]? kept = null;
        if (keep is not null)
        {
            kept = new bool[count];
            for (var i = 0; i < count; i++)
            {
                kept[i] = keep(firstRow + i, tasks[i], starts[i]);
            }
        }

        var statuses = new TaskStatus[count];
        for (var i = 0; i < count; i++)
        {
            statuses[i] = (TaskStatus)ReadByte(_input);
        }

        var cpu = ReadNullableSeconds(count);
        var ready = ReadNullableSeconds(count);
        var transfer = ReadNullableSeconds(count);
        var details = ReadTexts(count, kept);
        var nodes = ReadTexts(count, kept);
        var threadLists = ReadTexts(count, kept);
        var segments = ReadTexts(count, kept);
        var spans = new TaskSpan[count];
        for (var i = 0; i < count; i++)
        {
            if (kept is not null && !kept[i])
            {
                continue;
            }

            spans[i] = new TaskSpan(tasks[i], new Lane(processes[i], threads[i]), starts[i], ends[i], statuses[i], details[i], nodes[i])
            {
                Threads = TaskThreads.Parse(threadLists[i]),
                Cpu = cpu[i],
                Ready = ready[i],
                Transfer = transfer[i],
                Segments = TaskSegments.Parse(segments[i]),
            };
        }

        return new SpanChunk(firstRow, spans);
    }

    private int[] ReadDeltas(int count)
    {
        var values = new int[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += UnZigZag(ReadVarint(_input));
            values[i] = checked((int)previous);
        }

        return values;
    }

    private (double[] Starts, double[] Ends) ReadTimes(int count)
    {
        var starts = new double[count];
        var ends = new double[count];
        var mode = ReadByte(_input);
        if (mode == RawMode)
        {
            for (var i = 0; i < count; i++)
            {
                starts[i] = ReadDouble(_input);
                ends[i] = ReadDouble(_input);
            }

            return (starts, ends);
        }

        CheckMode(mode);
        var startNs = new long[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += UnZigZag(ReadVarint(_input));
            startNs[i] = previous;
            starts[i] = FromGrid(previous);
        }

        for (var i = 0; i < count; i++)
        {
            ends[i] = FromGrid(startNs[i] + UnZigZag(ReadVarint(_input)));
        }

        return (starts, ends);
    }

    private double?[] ReadNullableSeconds(int count)
    {
        var values = new double?[count];
        var mode = ReadByte(_input);
        CheckMode(mode);
        for (var i = 0; i < count; i++)
        {
            if (mode == GridMode)
            {
                var stored = ReadVarint(_input);
                values[i] = stored == 0 ? null : FromGrid(UnZigZag(stored - 1));
            }
            else
            {
                values[i] = ReadByte(_input) == 0 ? null : ReadDouble(_input);
            }
        }

        return values;
    }

    private string?[] ReadTexts(int count, bool[]? kept)
    {
        var texts = new string?[count];
        for (var i = 0; i < count; i++)
        {
            if (kept is null || kept[i])
            {
                texts[i] = ReadText(_input);
            }
            else
            {
                Skip(TextLength(_input));
            }
        }

        return texts;
    }

    private void Skip(int length)
    {
        if (length > _skipped.Length)
        {
            _skipped = new byte[length];
        }

        _input.ReadExactly(_skipped, 0, length);
    }

    private static void CheckMode(byte mode)
    {
        if (mode is not (GridMode or RawMode))
        {
            throw new InvalidDataException($"Span blob: unknown column mode {mode}.");
        }
    }
}
