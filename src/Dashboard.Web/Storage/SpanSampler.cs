using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage;

/// <summary>
/// Picks which task spans a run larger than the event cap keeps: each repetition gets a share of
/// the cap proportional to its size (largest remainder, so the shares add up to the cap exactly),
/// and within a repetition the kept spans are evenly spaced in start time, so a replayed timeline
/// still shows the shape of the whole run.
/// </summary>
public static class SpanSampler
{
    /// <summary>The spans to store per result (same order as <paramref name="results"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<TaskSpan>> Sample(IReadOnlyList<StrategyResult> results, int cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        var total = results.Sum(r => (long)r.Spans.Count);
        if (total <= cap)
        {
            return results.Select(r => r.Spans).ToArray();
        }

        var quotas = Quotas(results.Select(r => r.Spans.Count).ToArray(), total, cap);
        var sampled = new IReadOnlyList<TaskSpan>[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            sampled[i] = Even(results[i].Spans, quotas[i]);
        }

        return sampled;
    }

    private static int[] Quotas(int[] sizes, long total, int cap)
    {
        var quotas = new int[sizes.Length];
        var remainders = new double[sizes.Length];
        var given = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            var exact = (double)cap * sizes[i] / total;
            quotas[i] = (int)Math.Floor(exact);
            remainders[i] = exact - quotas[i];
            given += quotas[i];
        }

        foreach (var i in Enumerable.Range(0, sizes.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i))
        {
            if (given >= cap)
            {
                break;
            }

            if (quotas[i] < sizes[i])
            {
                quotas[i]++;
                given++;
            }
        }

        return quotas;
    }

    private static TaskSpan[] Even(IReadOnlyList<TaskSpan> spans, int keep)
    {
        if (keep <= 0)
        {
            return [];
        }

        var byStart = spans.OrderBy(s => s.Start).ThenBy(s => s.Task).ToArray();
        if (keep >= byStart.Length)
        {
            return byStart;
        }

        var kept = new TaskSpan[keep];
        for (var j = 0; j < keep; j++)
        {
            // The j-th of keep evenly spaced positions; distinct because keep < Length.
            kept[j] = byStart[(int)((long)j * byStart.Length / keep)];
        }

        return kept;
    }
}
