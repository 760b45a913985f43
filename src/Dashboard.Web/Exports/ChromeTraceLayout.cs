using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;

namespace Dashboard.Web.Exports;

/// <summary>
/// Where every repetition and span goes; computed before anything is written. Holds one 32-byte
/// <see cref="ChromeTraceItem"/> per span (where it goes, not the span: <see cref="ChromeTraceSpans"/>
/// fetches those in batches as they are written).
/// </summary>
internal sealed class ChromeTraceLayout
{
    public long[] RepetitionStartNs { get; private init; } = [];

    public long[] RepetitionExtentNs { get; private init; } = [];

    public List<ChromeTraceItem> Items { get; } = [];

    public List<ChromeTraceTrack> Tracks { get; } = [];

    public SortedSet<int> Pids { get; } = [];

    public HashSet<int> HostPids { get; } = [];

    public int HostPid { get; private set; }

    public int RepetitionTid { get; private set; }

    public static ChromeTraceLayout Build(IReadOnlyList<StrategyResult> results)
    {
        var layout = new ChromeTraceLayout
        {
            RepetitionStartNs = new long[results.Count],
            RepetitionExtentNs = new long[results.Count],
        };

        // 1. Time axis (repetitions end to end) and 2. spans grouped per (strategy, lane), strategies
        // in run order, lanes in first-seen order: one pass over each repetition's spans, which a
        // stored run decodes as it goes. A repetition's items are placed from its own start, which
        // only earlier repetitions decide.
        var cursor = 0L;
        var hostCounts = new Dictionary<int, int>();
        var groups = new Dictionary<(string Strategy, Lane Lane), List<ChromeTraceItem>>();
        var groupOrder = new List<(string Strategy, Lane Lane)>();
        var strategyOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemCount = 0;
        for (var r = 0; r < results.Count; r++)
        {
            var result = results[r];
            var inProcess = StrategyCatalog.PlacementOf(result.Strategy) == StrategyPlacement.InProcess;
            strategyOrder.TryAdd(result.Strategy, strategyOrder.Count);
            layout.RepetitionStartNs[r] = cursor;
            var lastEnd = 0.0;
            var s = 0;
            foreach (var span in result.Spans)
            {
                if (s == 0 || double.IsNaN(lastEnd) || span.End > lastEnd)
                {
                    // As Enumerable.Max: NaN only when every end is NaN.
                    lastEnd = span.End;
                }

                layout.Pids.Add(span.Lane.ProcessId);
                if (inProcess)
                {
                    layout.HostPids.Add(span.Lane.ProcessId);
                    hostCounts[span.Lane.ProcessId] = hostCounts.GetValueOrDefault(span.Lane.ProcessId) + 1;
                }

                var key = (result.Strategy, span.Lane);
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                    groupOrder.Add(key);
                }

                var start = TraceTime.Add(cursor, ChromeTrace.Nanoseconds(span.Start));
                var end = Math.Max(start, TraceTime.Add(cursor, ChromeTrace.Nanoseconds(span.End)));
                list.Add(new ChromeTraceItem(r, s, start, end, -1));
                s++;
                itemCount++;
            }

            layout.RepetitionExtentNs[r] = ChromeTrace.Nanoseconds(Math.Max(result.WallSeconds, lastEnd));
            cursor = TraceTime.Add(cursor, TraceTime.Add(layout.RepetitionExtentNs[r], ChromeTrace.RepetitionGapMicroseconds * 1000));
        }

        // The repetitions track lives in the dashboard's process (or the first process seen).
        layout.HostPid = hostCounts.Count > 0
            ? hostCounts.MaxBy(kv => kv.Value).Key
            : layout.Pids.Count > 0 ? layout.Pids.Min : 1;
        layout.Pids.Add(layout.HostPid);
        layout.HostPids.Add(layout.HostPid);
        layout.Items.Capacity = itemCount;

        var orderedKeys = groupOrder
            .Select((key, index) => (key, index))
            .OrderBy(k => strategyOrder[k.key.Strategy])
            .ThenBy(k => k.key.Lane.ProcessId)
            .ThenBy(k => k.index)
            .Select(k => k.key);

        // 3. Overlap levels per group, then one synthetic tid per (group, level).
        var nextTid = 1;
        int AllocateTid()
        {
            while (layout.Pids.Contains(nextTid))
            {
                nextTid++;
            }

            return nextTid++;
        }

        layout.RepetitionTid = AllocateTid();
        foreach (var key in orderedKeys)
        {
            var items = groups[key];
            items.Sort((a, b) => a.StartNs != b.StartNs ? a.StartNs.CompareTo(b.StartNs) : a.EndNs.CompareTo(b.EndNs));
            var levels = AssignLevels(items);
            var firstTrack = layout.Tracks.Count;
            for (var level = 0; level < levels; level++)
            {
                layout.Tracks.Add(new ChromeTraceTrack(key.Lane.ProcessId, AllocateTid(), TrackName(layout, key.Strategy, key.Lane, level)));
            }

            for (var i = 0; i < items.Count; i++)
            {
                layout.Items.Add(items[i] with { Track = firstTrack + items[i].Track });
            }

            // The group's items are in the layout now: let them go before the next group's copy.
            groups[key] = [];
        }

        return layout;
    }

    /// <summary>
    /// Interval partitioning on spans sorted by start: each goes to the lowest-numbered level
    /// that is free by its start. Writes the level into Item.Track; returns the level count.
    /// </summary>
    private static int AssignLevels(List<ChromeTraceItem> items)
    {
        var busy = new PriorityQueue<int, long>(); // level by its current end
        var free = new PriorityQueue<int, int>(); // free levels, lowest first
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            while (busy.TryPeek(out var busyLevel, out var end) && end <= item.StartNs)
            {
                busy.Dequeue();
                free.Enqueue(busyLevel, busyLevel);
            }

            if (!free.TryDequeue(out var level, out _))
            {
                level = count++;
            }

            busy.Enqueue(level, item.EndNs);
            items[i] = item with { Track = level };
        }

        return count;
    }

    private static string TrackName(ChromeTraceLayout layout, string strategy, Lane lane, int level)
    {
        var name = !layout.HostPids.Contains(lane.ProcessId) || StrategyCatalog.PlacementOf(strategy) != StrategyPlacement.InProcess
            ? $"{strategy} · worker {lane.ProcessId} thread {lane.ThreadId}"
            : StrategyCatalog.IsBaseline(strategy)
                ? $"{strategy} · main {lane.ThreadId}"
                : $"{strategy} · thread {lane.ThreadId}";
        return level == 0 ? name : $"{name} · overlap {level + 1}";
    }
}
