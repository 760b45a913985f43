using Dashboard.Engine.Running;
using Dashboard.Web.Storage;
using Dashboard.Web.Storage.Columns;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Web.Tests.Storage;

/// <summary>The compressed columnar span blob: lossless both ways, streamed chunk by chunk, loud on damage.</summary>
public sealed class SpanBlobTests
{
    [Fact]
    public void EncodeDecode_RealisticSpansOverSeveralChunks_ReadBackEqual()
    {
        var spans = RealisticRuns.Result("async", 0, (SpanBlob.ChunkSize * 2) + 17).Spans;

        var decoded = SpanBlob.Decode(SpanBlob.Encode(spans), spans.Count);

        Assert.Equal(spans.Count, decoded.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            AssertSame(spans[i], decoded[i]);
        }
    }

    [Fact]
    public void EncodeDecode_TimesOffTheNanosecondGridNullsAndOddValues_ReadBackBitForBit()
    {
        TaskSpan[] spans =
        [
            new(5, new Lane(1, 2), 0.1, 0.30000000000000004, TaskStatus.Ok, "Hello, Ada!", "node-a") { Cpu = 1e-12, Ready = null, Transfer = 0.25 },
            new(-3, new Lane(-1, int.MaxValue), Math.PI, double.MaxValue, TaskStatus.Failed, "", null) { Threads = [7, 9, 7] },
            new(int.MaxValue, new Lane(int.MinValue, 0), -0.0, double.PositiveInfinity, TaskStatus.Cancelled, null, "ü ✓ 𝄞") { Cpu = double.NaN, Ready = -2.5 },
            new(0, new Lane(0, 0), 1e10, 1e10 + 1, TaskStatus.Ok) { Segments = [new TaskSegment(3, 0.000001, 0.5), new TaskSegment(4, 0.5, 0.75)] },
        ];

        var decoded = SpanBlob.Decode(SpanBlob.Encode(spans), spans.Length);

        Assert.Equal(spans.Length, decoded.Count);
        for (var i = 0; i < spans.Length; i++)
        {
            AssertSame(spans[i], decoded[i]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StoredSpanList_EnumeratedTwiceAndIndexed_GivesTheSameSpansInOrder(bool keepWhole)
    {
        var spans = RealisticRuns.Result("async", 0, SpanBlob.ChunkSize + 5).Spans;
        var list = new StoredSpanList(SpanBlob.Encode(spans), spans.Count, keepWhole);

        Assert.Equal(spans.Count, list.Count);
        Assert.Equal(spans.Select(s => s.Task), list.Select(s => s.Task));
        Assert.Equal(spans.Select(s => s.End), list.Select(s => s.End));
        AssertSame(spans[^1], list[spans.Count - 1]);
        AssertSame(spans[0], list[0]);
        AssertSame(spans[SpanBlob.ChunkSize + 1], list[SpanBlob.ChunkSize + 1]);
        AssertSame(spans[3], list[3]);
        Assert.Equal(spans.Select(s => s.Start), list.Select(s => s.Start));
        for (var i = 0; i < spans.Count; i += 97)
        {
            AssertSame(spans[i], list[i]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Select_RowsByTaskAndStart_BuildsExactlyThoseSpansWithTheirRows(bool keepWhole)
    {
        var spans = RealisticRuns.Result("async", 0, (SpanBlob.ChunkSize * 3) + 11).Spans;
        var list = new StoredSpanList(SpanBlob.Encode(spans), spans.Count, keepWhole);
        var asked = new List<(int Row, int Task, double Start)>();

        var selected = list.Select((row, task, start) =>
        {
            asked.Add((row, task, start));
            return task % 1_000 == 7 || (start >= spans[9_000].Start && start < spans[9_050].Start);
        }).ToList();

        Assert.Equal(spans.Select((s, i) => (i, s.Task, s.Start)), asked);
        var expected = spans.Select((s, i) => (Row: i, Span: s))
            .Where(x => x.Span.Task % 1_000 == 7 || (x.Span.Start >= spans[9_000].Start && x.Span.Start < spans[9_050].Start))
            .ToList();
        Assert.Equal(expected.Select(x => x.Row), selected.Select(x => x.Row));
        for (var i = 0; i < expected.Count; i++)
        {
            AssertSame(expected[i].Span, selected[i].Span);
        }
    }

    [Fact]
    public void Encode_NoSpans_DecodesToNone()
    {
        Assert.Empty(SpanBlob.Decode(SpanBlob.Encode([]), 0));
    }

    [Fact]
    public void Decode_DamagedBlob_ThrowsInvalidData()
    {
        var blob = SpanBlob.Encode(RealisticRuns.Result("async", 0, 100).Spans);
        var otherVersion = (byte[])blob.Clone();
        otherVersion[2] = 99;
        var cut = blob[..(blob.Length / 2)];

        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => SpanBlob.Decode(otherVersion, 100)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => SpanBlob.Decode([1, 2, 3, 4], 0));
        Assert.ThrowsAny<Exception>(() => SpanBlob.Decode(cut, 100));
    }

    private static void AssertSame(TaskSpan expected, TaskSpan actual)
    {
        Assert.Equal(expected.Task, actual.Task);
        Assert.Equal(expected.Lane, actual.Lane);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Start), BitConverter.DoubleToInt64Bits(actual.Start));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.End), BitConverter.DoubleToInt64Bits(actual.End));
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Detail, actual.Detail);
        Assert.Equal(expected.Node, actual.Node);
        Assert.Equal(expected.Threads, actual.Threads);
        Assert.Equal(Bits(expected.Cpu), Bits(actual.Cpu));
        Assert.Equal(Bits(expected.Ready), Bits(actual.Ready));
        Assert.Equal(Bits(expected.Transfer), Bits(actual.Transfer));
        // Segments keep the row layout's form: microseconds (TaskSegments).
        Assert.Equal(TaskSegments.Parse(TaskSegments.Format(expected.Segments)), actual.Segments);
    }

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;
}
