using System.Globalization;
using Dashboard.Engine.Findings;
using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Explain;

/// <summary>
/// Says in plain words what one run's figures show, as ranked lines (<see cref="ExplainItem"/>): the
/// Engine's findings, and Explain's own rules, each line with the rule that wrote it and the figures
/// it read. A line appears only when the figures support it; a "faster because" or "slower because"
/// only when the difference is beyond the run's noise (<see cref="Noise"/>); every runtime is
/// compared with its own sequential; start-up is taken out before the work is called CPU- or
/// I/O-bound. Explain ranks the findings; it does not say again in its own words what one says.
/// Strategies are picked by what their descriptors say they are, never by id.
/// </summary>
public static class RunExplainer
{
    /// <summary>Lines shown at first; the rest sit under "more".</summary>
    public const int Shown = 5;

    /// <summary>Every line, best first; empty when nothing finished and nothing was found.</summary>
    public static IReadOnlyList<ExplainItem> Explain(ExplainInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var run = new ExplainRun(input);
        Findings(run);
        Problems(run);
        if (run.Done.Count == 0 && run.Items.Count > 0)
        {
            // The panel's own "nothing to compare" shows only when there is no line at all.
            run.Add("nothing-finished", ExplainRanks.Note, "No strategy finished, so there is nothing to compare.",
                ("strategies", Fmt.Count(input.Strategies.Count)));
        }
        else if (run.Done.Count > 0)
        {
            WorkExplainer.Explain(run);
            PlacementExplainer.Explain(run);
            LimitsExplainer.Explain(run);
            Modes(run);
            ScalingExplainer.Explain(run);
            if (run.Done.Any(s => s.Repetitions > 1))
            {
                var most = run.Done.Max(s => s.Repetitions);
                run.Add("medians", ExplainRanks.Note, $"Times are medians of up to {Fmt.Plural(most, "repetition", "repetitions")} per strategy.",
                    ("most repetitions", Fmt.Count(most)));
            }
        }

        // Stable: equal ranks keep the order the rules wrote them in.
        return [.. run.Items.Select((item, order) => (item, order)).OrderByDescending(p => p.item.Rank).ThenBy(p => p.order).Select(p => p.item)];
    }

    /// <summary>The sentences alone, best first (Markdown and tests).</summary>
    public static IReadOnlyList<string> Sentences(ExplainInput input) => [.. Explain(input).Select(i => i.Text)];

    // Each finding as one line, named after its strategy; errors first, then by how much each explains.
    private static void Findings(ExplainRun run)
    {
        foreach (var finding in run.Input.Findings)
        {
            var rank = finding.Severity switch
            {
                FindingSeverity.Error => ExplainRanks.Error,
                FindingSeverity.Warning => ExplainRanks.Warning + (ExplainRanks.WarningSpread * finding.Weight),
                _ => ExplainRanks.Comparison,
            };
            var title = FindingCatalog.Rule(finding.Id)?.Title ?? finding.Id;
            var inputs = finding.Figures.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString("0.######", CultureInfo.InvariantCulture))).ToList();
            run.Add(new ExplainItem(finding.Id, $"{Fmt.Capital(StrategyText.Name(finding.Key))}: {title.ToLowerInvariant()}. {finding.Text}", rank, inputs)
            {
                Finding = finding.Id,
                Severity = finding.Severity,
            });
        }
    }

    private static void Problems(ExplainRun run)
    {
        foreach (var s in run.Input.Strategies)
        {
            var name = Fmt.Capital(StrategyText.Name(s.Strategy));
            if (s.Cancelled)
            {
                run.Add("cancelled", ExplainRanks.Problem, $"{name} was cancelled; its figures are partial and left out of the comparisons.",
                    ("strategy", s.Strategy));
            }
            else if (s.OutputCheck != "ok")
            {
                run.Add("output-check", ExplainRanks.Problem, $"{Fmt.Possessive(name)} output check failed: {s.OutputCheck}",
                    ("strategy", s.Strategy), ("check", s.OutputCheck));
            }
        }
    }

    // BenchmarkDotNet's kind of caution: a median of task durations that fall into groups hides the groups.
    private static void Modes(ExplainRun run)
    {
        foreach (var figures in run.Done.Where(s => s.TaskDurationMValue > RunStatistics.BimodalMValue))
        {
            run.Add("modes", ExplainRanks.Modes, string.Create(CultureInfo.InvariantCulture,
                $"{Fmt.Capital(StrategyText.Name(figures.Strategy))}'s task durations fall into groups (mvalue {figures.TaskDurationMValue:0.0}): some tasks took much longer than others, which one median does not show."),
                ("mvalue", figures.TaskDurationMValue!.Value.ToString("0.00", CultureInfo.InvariantCulture)),
                ("bimodal above", RunStatistics.BimodalMValue.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
