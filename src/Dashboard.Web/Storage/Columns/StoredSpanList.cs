using System.Collections;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage.Columns;

/// <summary>
/// A stored repetition's spans read from its compressed blob. A small list (<paramref name="keepWhole"/>)
/// is decoded once, on first use, and kept: pages read a detailed run's spans often. A large one is
/// never held: each enumeration decodes the blob chunk by chunk, so only one chunk's spans (and the
/// compressed bytes) are alive at a time, whoever reads it (a page's analysis, a window, an export).
/// Its indexer walks forward from the last index read, one chunk held: reading in order is one
/// decode; reading backwards starts again (readers that jump use <see cref="Select"/>).
/// </summary>
internal sealed class StoredSpanList(byte[] blob, int count, bool keepWhole) : IReadOnlyList<TaskSpan>
{
    /// <summary>Spans up to which a repetition read for a page is kept whole (a detailed run's, drawn one by one).</summary>
    public const int KeptWholeUpTo = 20_000;

    private readonly Lock _cursorGate = new();
    private TaskSpan[]? _whole;
    private IEnumerator<TaskSpan[]>? _cursor;
    private int _cursorFirst;

    public int Count => count;

    /// <summary>Whether this list keeps its spans once decoded (false: it streams every time).</summary>
    public bool KeepsWhole => keepWhole;

    public TaskSpan this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            if (keepWhole)
            {
                return Whole()[index];
            }

            lock (_cursorGate)
            {
                if (_cursor is null || index < _cursorFirst)
                {
                    _cursor?.Dispose();
                    _cursor = SpanBlob.Chunks(blob).GetEnumerator();
                    _cursorFirst = 0;
                    if (!_cursor.MoveNext())
                    {
                        throw new InvalidDataException("Span blob: fewer spans than its row says.");
                    }
                }

                while (index >= _cursorFirst + _cursor.Current.Length)
                {
                    _cursorFirst += _cursor.Current.Length;
                    if (!_cursor.MoveNext())
                    {
                        throw new InvalidDataException("Span blob: fewer spans than its row says.");
                    }
                }

                return _cursor.Current[index - _cursorFirst];
            }
        }
    }

    /// <summary>The spans <paramref name="keep"/> wants, with their positions, in list order; only those become objects.</summary>
    public IEnumerable<(int Row, TaskSpan Span)> Select(SpanRowFilter keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return keepWhole ? SelectFromWhole(Whole(), keep) : SpanBlob.Select(blob, keep);
    }

    public IEnumerator<TaskSpan> GetEnumerator()
    {
        if (keepWhole)
        {
            foreach (var span in Whole())
            {
                yield return span;
            }

            yield break;
        }

        foreach (var chunk in SpanBlob.Chunks(blob))
        {
            foreach (var span in chunk)
            {
                yield return span;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TaskSpan[] Whole()
    {
        var whole = Volatile.Read(ref _whole);
        if (whole is null)
        {
            whole = [.. SpanBlob.Decode(blob, count)];
            Volatile.Write(ref _whole, whole);
        }

        return whole;
    }

    private static IEnumerable<(int Row, TaskSpan Span)> SelectFromWhole(TaskSpan[] whole, SpanRowFilter keep)
    {
        for (var i = 0; i < whole.Length; i++)
        {
            if (keep(i, whole[i].Task, whole[i].Start))
            {
                yield return (i, whole[i]);
            }
        }
    }
}
