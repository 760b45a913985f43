using Dashboard.Engine.Running;
using Dashboard.Web.Storage.Columns;

namespace Dashboard.Web.Exports;

/// <summary>
/// The spans behind the trace's items, in the items' order (track by track), without holding a
/// stored run's spans: items are taken <see cref="BatchSize"/> at a time, and each stored
/// repetition they come from is decoded once per batch with only the batch's rows built
/// (<see cref="StoredSpanList.Select"/>). Spans held in memory (a live run, an import) are read by
/// index. A 1,000,000-task run is decoded about a million / <see cref="BatchSize"/> times over,
/// with one batch's spans alive.
/// </summary>
internal static class ChromeTraceSpans
{
    /// <summary>Items whose spans are built at once: bounds the export's span objects.</summary>
    public const int BatchSize = 131_072;

    public static IEnumerable<(ChromeTraceItem Item, TaskSpan Span)> InOrder(
        IReadOnlyList<StrategyResult> results, IReadOnlyList<ChromeTraceItem> items, int batchSize = BatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var spans = new TaskSpan[Math.Min(batchSize, items.Count)];
        var wanted = new Dictionary<int, Dictionary<int, int>>();
        for (var from = 0; from < items.Count; from += batchSize)
        {
            var n = Math.Min(batchSize, items.Count - from);
            wanted.Clear();
            for (var i = 0; i < n; i++)
            {
                var item = items[from + i];
                if (results[item.Result].Spans is StoredSpanList { KeepsWhole: false })
                {
                    if (!wanted.TryGetValue(item.Result, out var rows))
                    {
                        wanted[item.Result] = rows = [];
                    }

                    rows[item.Span] = i;
                }
                else
                {
                    spans[i] = results[item.Result].Spans[item.Span];
                }
            }

            foreach (var (result, rows) in wanted)
            {
                var stored = (StoredSpanList)results[result].Spans;
                foreach (var (row, span) in stored.Select((row, _, _) => rows.ContainsKey(row)))
                {
                    spans[rows[row]] = span;
                }
            }

            for (var i = 0; i < n; i++)
            {
                yield return (items[from + i], spans[i]);
                spans[i] = null!;
            }
        }
    }
}
