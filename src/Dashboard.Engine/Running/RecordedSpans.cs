using System.Collections;

namespace Dashboard.Engine.Running;

/// <summary>
/// A large repetition's spans as a view of its recorder's tasks: each span is made when it is
/// read, so a million tasks are never a million <see cref="TaskSpan"/> objects at once (plus
/// their thread and segment arrays) beside the recorder's own state of them; a reader that keeps
/// them (a sort, a group) holds them, as it would hold a list. Every task has ended and its times
/// are frozen (<see cref="TaskTimeColumns.FreezeAll"/>), so every read of a span gives the same figures.
/// </summary>
internal sealed class RecordedSpans(TaskRecorder recorder) : IReadOnlyList<TaskSpan>
{
    /// <summary>Spans up to which a repetition's spans are made once and kept (a list), as before: a page draws them one by one.</summary>
    public const int KeptWholeUpTo = 20_000;

    public int Count => recorder.TaskCount;

    public TaskSpan this[int index] => recorder.ToSpan(index);

    public IEnumerator<TaskSpan> GetEnumerator()
    {
        for (var i = 0; i < recorder.TaskCount; i++)
        {
            yield return recorder.ToSpan(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
