using System.Collections;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage.Columns;

/// <summary>
/// A stored repetition's spans read from its compressed blob as they are enumerated: each
/// enumeration decodes the blob chunk by chunk, so only one chunk's spans (and the compressed
/// bytes) are alive at a time. This is what lets an export of a million-task run write as it
/// reads. Random access (the indexer) is not what it is for: the first use decodes the whole
/// list once and keeps it.
/// </summary>
internal sealed class StoredSpanList(byte[] blob, int count) : IReadOnlyList<TaskSpan>
{
    private TaskSpan[]? _whole;

    public int Count => count;

    public TaskSpan this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            var whole = Volatile.Read(ref _whole);
            if (whole is null)
            {
                whole = [.. SpanBlob.Decode(blob, count)];
                Volatile.Write(ref _whole, whole);
            }

            return whole[index];
        }
    }

    public IEnumerator<TaskSpan> GetEnumerator()
    {
        if (Volatile.Read(ref _whole) is { } whole)
        {
            foreach (var span in whole)
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
}
