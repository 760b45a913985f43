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

    /// <summary>The next chunk's spans, or null after the last.</summary>
    public TaskSpan[]? Next()
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

        var tasks = ReadDeltas(count);
        var processes = ReadDeltas(count);
        var threads = ReadDeltas(count);
        var (starts, ends) = ReadTimes(count);
        var statuses = new TaskStatus[count];
        for (var i = 0; i < count; i++)
        {
            statuses[i] = (TaskStatus)ReadByte(_input);
        }

        var cpu = ReadNullableSeconds(count);
        var ready = ReadNullableSeconds(count);
        var transfer = ReadNullableSeconds(count);
        var details = ReadTexts(count);
        var nodes = ReadTexts(count);
        var threadLists = ReadTexts(count);
        var segments = ReadTexts(count);
        var spans = new TaskSpan[count];
        for (var i = 0; i < count; i++)
        {
            spans[i] = new TaskSpan(tasks[i], new Lane(processes[i], threads[i]), starts[i], ends[i], statuses[i], details[i], nodes[i])
            {
                Threads = TaskThreads.Parse(threadLists[i]),
                Cpu = cpu[i],
                Ready = ready[i],
                Transfer = transfer[i],
                Segments = TaskSegments.Parse(segments[i]),
            };
        }

        return spans;
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

    private string?[] ReadTexts(int count)
    {
        var texts = new string?[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = ReadText(_input);
        }

        return texts;
    }

    private static void CheckMode(byte mode)
    {
        if (mode is not (GridMode or RawMode))
        {
            throw new InvalidDataException($"Span blob: unknown column mode {mode}.");
        }
    }
}
