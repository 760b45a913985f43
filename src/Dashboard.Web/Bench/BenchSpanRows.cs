using System.Collections;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Bench;

/// <summary>
/// The typical repetition's spans as the report's rows, made as they are read (the JSON writer
/// streams them): a million-task report never holds a million rows beside a million spans.
/// The spans must be in task order (<see cref="InTaskOrder"/>), as the recorder gives them.
/// </summary>
internal sealed class BenchSpanRows(IReadOnlyList<TaskSpan> spans) : IReadOnlyList<BenchSpan>
{
    // A run has few lanes and up to a million spans: one "pid:tid" string per lane, not per row.
    private readonly Dictionary<Lane, string> _lanes = [];

    public int Count => spans.Count;

    public BenchSpan this[int index] => Row(spans[index]);

    /// <summary>Whether <paramref name="spans"/> are in task order (one pass, nothing kept).</summary>
    public static bool InTaskOrder(IReadOnlyList<TaskSpan> spans)
    {
        var last = int.MinValue;
        foreach (var span in spans)
        {
            if (span.Task < last)
            {
                return false;
            }

            last = span.Task;
        }

        return true;
    }

    public IEnumerator<BenchSpan> GetEnumerator()
    {
        foreach (var span in spans)
        {
            yield return Row(span);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The span's row, figures rounded to the microsecond.</summary>
    public BenchSpan Row(TaskSpan span) =>
        new(span.Task, LaneText(span.Lane), Math.Round(span.Start, 6), Math.Round(span.End, 6), BenchReportBuilder.StatusId(span.Status), span.Node)
        {
            Threads = span.Threads,
            Cpu = span.Cpu,
            Ready = span.Ready,
            Transfer = span.Transfer,
            Error = span.Error,
        };

    private string LaneText(Lane lane)
    {
        lock (_lanes)
        {
            return _lanes.TryGetValue(lane, out var text) ? text : _lanes[lane] = lane.ToString();
        }
    }
}
