using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Findings;

/// <summary>
/// <c>failures</c>: tasks failed, grouped by their reason (every failed span carries one), most
/// frequent first, over the strategy's measured repetitions.
/// </summary>
public sealed class FailuresFinder : IFinder
{
    /// <summary>Reasons named in the text; the rest are counted.</summary>
    public const int NamedReasons = 3;

    /// <summary>What a failed span without a reason says.</summary>
    public const string NoReason = "no reason recorded";

    /// <summary>A reason is cut to this many characters in the text (the span keeps all of it).</summary>
    public const int ReasonLength = 120;

    public FindingRule Rule { get; } = new(
        FindingIds.Failures,
        "Tasks failed",
        FindingSeverity.Error,
        "At least one task of a measured repetition failed.",
        "A failed task did less work than the others, so the strategy's time covers less work and is not comparable. " +
        "Failures that come with concurrency (timeouts, 429 Too Many Requests, refused connections) mean the targets or a " +
        "resource were pushed harder than they could take; failures that come with one strategy only point at that strategy.",
        "Read the reasons: a timeout under load wants fewer requests at once (a cap, a smaller pool) or a longer timeout; " +
        "an error from the targets wants their failure rate or rate limit looked at on the Targets page; an error that is " +
        "always there is a bug in the task.");

    public IEnumerable<Finding> Find(FindingInput run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var statistics in run.Statistics.Where(s => s.TasksFailed > 0))
        {
            var measured = run.Measured(statistics.Strategy);
            // Counted from each repetition's facts (one pass over its spans, shared with the other figures).
            var failed = measured.Sum(r => SpanFacts.Of(r).Failed);
            if (failed == 0)
            {
                continue;
            }

            var tasks = measured.Sum(r => r.Spans.Count);
            var reasons = measured.SelectMany(r => SpanFacts.Of(r).FailedDetails)
                .GroupBy(d => Reason(d.Detail), StringComparer.Ordinal)
                .Select(g => (Reason: g.Key, Count: g.Sum(d => d.Count)))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal)
                .ToList();
            var named = string.Join("; ", reasons.Take(NamedReasons).Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Count:N0} × \"{r.Reason}\"")));
            var others = reasons.Count > NamedReasons
                ? string.Create(CultureInfo.InvariantCulture, $"; and {reasons.Count - NamedReasons:N0} other reason{(reasons.Count - NamedReasons == 1 ? "" : "s")}")
                : "";
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{failed:N0} of {tasks:N0} tasks failed: {named}{others}.");
            yield return run.Make(Rule.Id, Rule.Severity, statistics.Strategy, new Dictionary<string, double>
            {
                ["failedTasks"] = failed,
                ["tasks"] = tasks,
                ["reasons"] = reasons.Count,
            }, text, tasks == 0 ? 1 : (double)failed / tasks);
        }
    }

    /// <summary>The first line of a failure's reason, cut to <see cref="ReasonLength"/>; a missing one says so.</summary>
    public static string Reason(string? detail)
    {
        var line = (detail ?? "").Split('\n', 2)[0].Trim();
        if (line.Length == 0)
        {
            return NoReason;
        }

        return line.Length <= ReasonLength ? line : string.Concat(line.AsSpan(0, ReasonLength - 1), "…");
    }
}
