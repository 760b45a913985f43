using Dashboard.Engine.Running;
using static Dashboard.Web.Storage.Columns.ColumnCodec;

namespace Dashboard.Web.Storage.Columns;

/// <summary>
/// Writes one chunk of spans column by column: count; task, process and thread ids as zigzag
/// deltas; start and end times (mode byte: nanosecond grid as start deltas and durations, or raw
/// doubles); statuses; CPU, ready and transfer seconds (nullable); detail, node, thread list and
/// segments as nullable UTF-8 texts in their row-layout forms. Columns of like values side by
/// side are what makes the chunk compress. Reused across chunks (one buffer).
/// </summary>
internal sealed class SpanChunkWriter
{
    private const byte GridMode = 0;
    private const byte RawMode = 1;

    private readonly MemoryStream _buffer = new();
    private long[] _starts = [];
    private long[] _ends = [];

    public void Write(Stream output, IReadOnlyList<TaskSpan> spans, int from, int count)
    {
        _buffer.SetLength(0);
        WriteVarint(_buffer, (ulong)count);
        WriteDeltas(spans, from, count, s => s.Task);
        WriteDeltas(spans, from, count, s => s.Lane.ProcessId);
        WriteDeltas(spans, from, count, s => s.Lane.ThreadId);
        WriteTimes(spans, from, count);
        for (var i = from; i < from + count; i++)
        {
            _buffer.WriteByte((byte)spans[i].Status);
        }

        WriteNullableSeconds(spans, from, count, s => s.Cpu);
        WriteNullableSeconds(spans, from, count, s => s.Ready);
        WriteNullableSeconds(spans, from, count, s => s.Transfer);
        for (var i = from; i < from + count; i++)
        {
            WriteText(_buffer, RunRecordMapper.Truncate(spans[i].Detail, RunRecordMapper.MaxDetailLength));
        }

        for (var i = from; i < from + count; i++)
        {
            WriteText(_buffer, RunRecordMapper.Truncate(spans[i].Node, RunRecordMapper.MaxNodeLength));
        }

        for (var i = from; i < from + count; i++)
        {
            WriteText(_buffer, TaskThreads.Format(spans[i].Threads));
        }

        for (var i = from; i < from + count; i++)
        {
            WriteText(_buffer, TaskSegments.Format(spans[i].Segments));
        }

        output.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
    }

    public void WriteEnd(Stream output) => output.WriteByte(0);

    private void WriteDeltas(IReadOnlyList<TaskSpan> spans, int from, int count, Func<TaskSpan, int> value)
    {
        long previous = 0;
        for (var i = from; i < from + count; i++)
        {
            long current = value(spans[i]);
            WriteVarint(_buffer, ZigZag(current - previous));
            previous = current;
        }
    }

    private void WriteTimes(IReadOnlyList<TaskSpan> spans, int from, int count)
    {
        if (_starts.Length < count)
        {
            _starts = new long[count];
            _ends = new long[count];
        }

        var grid = true;
        for (var i = 0; i < count && grid; i++)
        {
            grid = OnGrid(spans[from + i].Start, out _starts[i]) && OnGrid(spans[from + i].End, out _ends[i]);
        }

        if (!grid)
        {
            _buffer.WriteByte(RawMode);
            for (var i = from; i < from + count; i++)
            {
                WriteDouble(_buffer, spans[i].Start);
                WriteDouble(_buffer, spans[i].End);
            }

            return;
        }

        _buffer.WriteByte(GridMode);
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            WriteVarint(_buffer, ZigZag(_starts[i] - previous));
            previous = _starts[i];
        }

        for (var i = 0; i < count; i++)
        {
            WriteVarint(_buffer, ZigZag(_ends[i] - _starts[i]));
        }
    }

    private void WriteNullableSeconds(IReadOnlyList<TaskSpan> spans, int from, int count, Func<TaskSpan, double?> value)
    {
        var grid = true;
        for (var i = from; i < from + count && grid; i++)
        {
            grid = value(spans[i]) is not { } seconds || OnGrid(seconds, out _);
        }

        _buffer.WriteByte(grid ? GridMode : RawMode);
        for (var i = from; i < from + count; i++)
        {
            var seconds = value(spans[i]);
            if (grid)
            {
                // 0 is null; a value is its zigzag nanoseconds + 1.
                WriteVarint(_buffer, seconds is { } s && OnGrid(s, out var ns) ? ZigZag(ns) + 1 : 0);
            }
            else if (seconds is { } s)
            {
                _buffer.WriteByte(1);
                WriteDouble(_buffer, s);
            }
            else
            {
                _buffer.WriteByte(0);
            }
        }
    }
}
