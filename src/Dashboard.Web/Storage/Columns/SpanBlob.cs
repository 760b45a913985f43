using System.IO.Compression;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage.Columns;

/// <summary>
/// A strategy repetition's task spans as one compressed blob (<c>strategy_results.spans_blob</c>):
/// two magic bytes and a format version, then a Brotli stream of chunks of up to
/// <see cref="ChunkSize"/> spans, each chunk column by column (tasks, lanes and nanosecond times
/// delta-encoded as zigzag varints; see <see cref="SpanChunkWriter"/>), ended by an empty chunk.
/// Lossless: a stored span reads back equal to what <see cref="RunRecordMapper"/> kept of it
/// (details, nodes, thread lists and segments cut to their limits as in the row layout).
/// Chunks let a reader stream a million spans with one chunk's objects in memory at a time.
/// </summary>
internal static class SpanBlob
{
    /// <summary>Spans per chunk: large enough for the columns to compress, small enough to stream.</summary>
    public const int ChunkSize = 4_096;

    private const byte Magic0 = (byte)'S';
    private const byte Magic1 = (byte)'B';
    private const byte Version = 1;

    public static byte[] Encode(IReadOnlyList<TaskSpan> spans)
    {
        using var output = new MemoryStream();
        output.WriteByte(Magic0);
        output.WriteByte(Magic1);
        output.WriteByte(Version);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var chunk = new SpanChunkWriter();
            for (var from = 0; from < spans.Count; from += ChunkSize)
            {
                chunk.Write(brotli, spans, from, Math.Min(ChunkSize, spans.Count - from));
            }

            chunk.WriteEnd(brotli);
        }

        return output.ToArray();
    }

    /// <summary>Every span of the blob (for a run loaded whole).</summary>
    public static List<TaskSpan> Decode(byte[] blob, int expectedCount)
    {
        var spans = new List<TaskSpan>(expectedCount);
        foreach (var chunk in Chunks(blob))
        {
            spans.AddRange(chunk);
        }

        return spans;
    }

    /// <summary>The blob's spans one chunk at a time; only the current chunk's spans are alive.</summary>
    public static IEnumerable<TaskSpan[]> Chunks(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        CheckHeader(blob);
        return Read(blob);
    }

    /// <summary>
    /// The spans <paramref name="keep"/> wants, with their rows, in stored order: every chunk is
    /// decompressed, but only the kept rows become objects (a window of a million-task run builds
    /// its window).
    /// </summary>
    public static IEnumerable<(int Row, TaskSpan Span)> Select(byte[] blob, SpanRowFilter keep)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(keep);
        CheckHeader(blob);
        return ReadSelected(blob, keep);
    }

    private static IEnumerable<(int Row, TaskSpan Span)> ReadSelected(byte[] blob, SpanRowFilter keep)
    {
        using var input = new MemoryStream(blob, 3, blob.Length - 3, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        var reader = new SpanChunkReader(brotli);
        while (reader.Next(keep) is { } chunk)
        {
            for (var i = 0; i < chunk.Spans.Length; i++)
            {
                if (chunk.Spans[i] is { } span)
                {
                    yield return (chunk.FirstRow + i, span);
                }
            }
        }
    }

    private static IEnumerable<TaskSpan[]> Read(byte[] blob)
    {
        using var input = new MemoryStream(blob, 3, blob.Length - 3, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        var reader = new SpanChunkReader(brotli);
        while (reader.Next() is { } chunk)
        {
            yield return chunk;
        }
    }

    private static void CheckHeader(byte[] blob)
    {
        if (blob.Length < 3 || blob[0] != Magic0 || blob[1] != Magic1)
        {
            throw new InvalidDataException("Not a span blob (bad magic bytes).");
        }

        if (blob[2] != Version)
        {
            throw new InvalidDataException($"Span blob format version {blob[2]} is not readable here (reads {Version}).");
        }
    }
}
