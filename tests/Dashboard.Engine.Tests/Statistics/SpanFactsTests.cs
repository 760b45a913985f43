using System.Collections;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using TaskStatus = Dashboard.Engine.Running.TaskStatus;

namespace Dashboard.Engine.Tests.Statistics;

/// <summary>
/// <see cref="SpanFacts"/>: every figure read from one pass equals, to the bit, the pass of its own
/// each rule made before (written out here as it was), and a repetition's spans are read once
/// however many figures ask.
/// </summary>
public sealed class SpanFactsTests
{
    [Fact]
    public void Figures_MixedSpans_EqualEachRulesOwnPass()
    {
        var spans = Spans(seed: 3, count: 5_000);
        var result = Result(spans);

        var facts = SpanFacts.Of(result);

        var ran = spans.Where(s => s.Status != TaskStatus.Cancelled || s.End > s.Start).ToList();
        Assert.Equal(ran.Count, facts.Ran);
        Assert.Equal(ran.Min(s => s.Start), facts.FirstStart);
        Assert.Equal(ran.Max(s => s.End), facts.LastEnd);
        Assert.Equal(ran.Sum(s => Math.Max(0, s.End - s.Start)), facts.RanSeconds);
        Assert.Equal(spans.Where(s => s.Status == TaskStatus.Ok).Select(s => s.End - s.Start), facts.OkDurations);
        Assert.Equal(spans.GroupBy(s => s.Lane.ProcessId).MaxBy(g => g.Count())!.Key, RunShape.MainProcess(result));
        Assert.Equal(spans.Count(s => s.Status == TaskStatus.Failed), facts.Failed);
        Assert.Equal(
            spans.Where(s => s.Status == TaskStatus.Failed).GroupBy(s => s.Detail ?? "\0").Select(g => (g.First().Detail, g.Count())).OrderBy(d => d.Detail, StringComparer.Ordinal),
            facts.FailedDetails.OrderBy(d => d.Detail, StringComparer.Ordinal));

        // The split's rule: measured spans' sums; the unmeasured ones (all of this process here) take
        // the measured ones' shares of their length.
        var measured = spans.Where(s => s.Cpu is not null).ToList();
        var scale = spans.Sum(s => Math.Max(0, s.End - s.Start)) / measured.Sum(s => Math.Max(0, s.End - s.Start));
        var cpu = measured.Sum(s => s.Cpu!.Value) * scale;
        var ready = measured.Sum(s => s.Ready ?? 0) * scale;
        var wait = measured.Sum(s => s.Wait!.Value) * scale;
        var transfer = spans.Sum(s => s.Transfer ?? 0);

        Assert.Equal(new TimeSplit(Math.Round(cpu, 6), Math.Round(ready, 6), Math.Round(wait, 6), 0, Math.Round(transfer, 6)), TimeSplit.Of(result));
        Assert.Equal(Quantiles.Median(spans.Where(s => s.Status == TaskStatus.Ok).Select(s => Math.Max(0, s.End - s.Start)).ToList()),
            RunShape.MedianTaskSeconds([result]));
        Assert.Equal(ran.Sum(s => Math.Max(0, s.End - s.Start)) / (ran.Max(s => s.End) - ran.Min(s => s.Start)), RunShape.InFlight(result));
    }

    [Fact]
    public void Of_EveryFigureOfARepetition_ReadsItsSpansOnce()
    {
        var plain = Spans(seed: 5, count: 2_000);
        var spans = new CountingSpans(plain);
        var result = Result(plain) with { Spans = spans };

        _ = RunStatistics.Compute([result]);
        _ = TimeSplit.Of(result);
        _ = RunShape.FirstStart(result);
        _ = RunShape.TaskPhase(result);
        _ = RunShape.InFlight(result);
        _ = RunShape.MainProcess(result);
        _ = RunShape.MedianTaskSeconds([result]);
        _ = new FailuresFinder().Find(FindingInput.Create(new HelloParameters(), new StrategyOptions(), 2, [result])).ToList();

        Assert.Equal(1, spans.Reads);
    }

    [Fact]
    public void Of_AListThatGrew_IsReadAgain()
    {
        var spans = Spans(seed: 9, count: 100).ToList();
        var result = Result(spans);
        var before = SpanFacts.Of(result);

        spans.Add(new TaskSpan(100, new Lane(1, 1), 0, 50, TaskStatus.Ok));

        var after = SpanFacts.Of(result);
        Assert.Equal(100, before.Count);
        Assert.Equal(101, after.Count);
        Assert.Equal(50, after.LastEnd);
    }

    private static StrategyResult Result(IReadOnlyList<TaskSpan> spans) =>
        new("async", 0, 10, 1, 4, spans.Count(s => s.Status == TaskStatus.Ok), spans.Count(s => s.Status == TaskStatus.Failed), "ok", 1_000, spans);

    // Ok, failed (with repeated, missing and distinct reasons) and cancelled spans (some never started), in two processes, some without a CPU split.
    private static TaskSpan[] Spans(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var start = random.NextDouble() * 3;
            var roll = random.Next(20);
            var status = roll == 0 ? TaskStatus.Failed : roll == 1 ? TaskStatus.Cancelled : TaskStatus.Ok;
            var end = status == TaskStatus.Cancelled && random.Next(2) == 0 ? start : start + (random.NextDouble() * 0.7);
            var detail = status == TaskStatus.Failed ? (random.Next(3) switch { 0 => null, 1 => "timeout", _ => $"error {random.Next(4)}" }) : "hi";
            var measured = random.Next(4) != 0;
            return new TaskSpan(i, new Lane(random.Next(5) == 0 ? 200 : 100, 1 + random.Next(4)), start, end, status, detail)
            {
                Cpu = measured ? random.NextDouble() * 0.01 : null,
                Ready = measured ? random.NextDouble() * 0.001 : null,
                Transfer = random.Next(3) == 0 ? random.NextDouble() * 0.0001 : null,
            };
        })];
    }

    private sealed class CountingSpans(IReadOnlyList<TaskSpan> inner) : IReadOnlyList<TaskSpan>
    {
        public int Reads { get; private set; }

        public int Count => inner.Count;

        public TaskSpan this[int index] => inner[index];

        public IEnumerator<TaskSpan> GetEnumerator()
        {
            Reads++;
            return inner.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
