using System.Runtime.CompilerServices;
using Dashboard.Engine.Running;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Statistics;

/// <summary>
/// Everything the statistics, the findings and Explain read off every span of one repetition,
/// gathered in one pass and kept beside the spans (<see cref="Of"/>): a stored million-task
/// repetition decodes its spans on each read, and a run's analysis used to read them once per
/// figure (duration mvalue, time split, start-up, median task, failures, main process, figures).
/// Each figure keeps the arithmetic of the rule it serves, in span order, so its value is the
/// same as a pass of its own.
/// </summary>
public sealed class SpanFacts
{
    // Keyed by the list itself: the facts live exactly as long as the spans they describe.
    private static readonly ConditionalWeakTable<IReadOnlyList<TaskSpan>, SpanFacts> Known = new();

    private SpanFacts(int count) => Count = count;

    /// <summary>Spans read.</summary>
    public int Count { get; }

    /// <summary>Spans of tasks that ran (<see cref="Findings.RunShape.Ran"/>).</summary>
    public int Ran { get; private set; }

    /// <summary>The first start among the spans that ran (meaningless when <see cref="Ran"/> is 0).</summary>
    public double FirstStart { get; private set; } = double.PositiveInfinity;

    /// <summary>The last end among the spans that ran (meaningless when <see cref="Ran"/> is 0).</summary>
    public double LastEnd { get; private set; } = double.NegativeInfinity;

    /// <summary>The sum, in span order, of max(0, end - start) over the spans that ran.</summary>
    public double RanSeconds { get; private set; }

    /// <summary>End - start of every task that succeeded, in span order (unfiltered: each rule filters as it always did).</summary>
    public IReadOnlyList<double> OkDurations { get; private set; } = [];

    /// <summary>True when at least one span has a measured CPU time.</summary>
    public bool AnyCpu { get; private set; }

    /// <summary>The sums, in span order, of CPU, ready, wait (the span's length when unmeasured) and transfer seconds.</summary>
    public (double Cpu, double Ready, double Wait, double Transfer) Split { get; private set; }

    /// <summary>Spans of tasks that failed.</summary>
    public int Failed { get; private set; }

    /// <summary>Each distinct detail of a failed span (null: none recorded) with how many failed with it, in first-seen order.</summary>
    public IReadOnlyList<(string? Detail, int Count)> FailedDetails { get; private set; } = [];

    /// <summary>Spans per process id, in the order each process first appears.</summary>
    public IReadOnlyList<(int ProcessId, int Count)> Processes { get; private set; } = [];

    /// <summary>The facts of <paramref name="result"/>'s spans: computed on first use, then kept with the list.</summary>
    public static SpanFacts Of(StrategyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var spans = result.Spans;
        if (Known.TryGetValue(spans, out var known) && known.Count == spans.Count)
        {
            return known;
        }

        // A list that grew since (a caller's own List) is read again; two readers at once may both read, one is kept.
        var facts = Read(spans);
        Known.AddOrUpdate(spans, facts);
        return facts;
    }

    private static SpanFacts Read(IReadOnlyList<TaskSpan> spans)
    {
        var facts = new SpanFacts(spans.Count);
        double first = double.PositiveInfinity, last = double.NegativeInfinity, ranSeconds = 0;
        double cpu = 0, ready = 0, wait = 0, transfer = 0, measured = 0, unmeasuredHere = 0, onNodes = 0;
        var ran = 0;
        var anyCpu = false;
        var ok = new List<double>(spans.Count);
        List<(string? Detail, int Count)>? failed = null;
        Dictionary<string, int>? failedAt = null;
        var nullDetailAt = -1;
        var processes = new List<(int ProcessId, int Count)>();
        var processAt = new Dictionary<int, int>();
        var read = 0;
        foreach (var span in spans)
        {
            read++;
            var length = span.End - span.Start;
            if (span.Status != TaskStatus.Cancelled || span.End > span.Start)
            {
                first = ran == 0 ? span.Start : Math.Min(first, span.Start);
                last = ran == 0 ? span.End : Math.Max(last, span.End);
                ranSeconds += Math.Max(0, length);
                ran++;
            }

            if (span.Status == TaskStatus.Ok)
            {
                ok.Add(length);
            }
            else if (span.Status == TaskStatus.Failed)
            {
                failed ??= [];
                failedAt ??= new Dictionary<string, int>(StringComparer.Ordinal);
                if (span.Detail is null)
                {
                    nullDetailAt = CountOne(failed, nullDetailAt, null);
                }
                else
                {
                    failedAt[span.Detail] = CountOne(failed, failedAt.GetValueOrDefault(span.Detail, -1), span.Detail);
                }
            }

            transfer += span.Transfer ?? 0;
            if (span.Cpu is { } taskCpu)
            {
                anyCpu = true;
                cpu += taskCpu;
                ready += span.Ready ?? 0;
                wait += span.Wait ?? 0;
                measured += Math.Max(0, length);
            }
            else if (span.Node is null)
            {
                unmeasuredHere += Math.Max(0, length);
            }
            else
            {
                onNodes += Math.Max(0, length);
            }

            var pid = span.Lane.ProcessId;
            if (processAt.TryGetValue(pid, out var at))
            {
                processes[at] = (pid, processes[at].Count + 1);
            }
            else
            {
                processAt[pid] = processes.Count;
                processes.Add((pid, 1));
            }
        }

        if (read != spans.Count)
        {
            throw new InvalidDataException($"Spans: the list says {spans.Count:N0} but {read:N0} were read.");
        }

        facts.Ran = ran;
        facts.FirstStart = first;
        facts.LastEnd = last;
        facts.RanSeconds = ranSeconds;
        facts.OkDurations = ok;
        facts.AnyCpu = anyCpu;
        if (measured > 0 && unmeasuredHere > 0)
        {
            // Tasks of this process without a split of their own (threads of their own per task outside
            // the split's sample: SplitSample) take the measured tasks' shares of their length.
            var scale = 1 + (unmeasuredHere / measured);
            (cpu, ready, wait) = (cpu * scale, ready * scale, wait * scale);
        }
        else
        {
            wait += unmeasuredHere;
        }

        facts.Split = (cpu, ready, wait + onNodes, transfer);
        facts.Failed = failed?.Sum(f => f.Count) ?? 0;
        facts.FailedDetails = failed ?? [];
        facts.Processes = processes;
        return facts;
    }

    // One more failed span with this detail: counted at its position, or appended; returns its position.
    private static int CountOne(List<(string? Detail, int Count)> failed, int at, string? detail)
    {
        if (at < 0)
        {
            failed.Add((detail, 1));
            return failed.Count - 1;
        }

        failed[at] = (detail, failed[at].Count + 1);
        return at;
    }
}
