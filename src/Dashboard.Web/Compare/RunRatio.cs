namespace Dashboard.Web.Compare;

/// <summary>One strategy of one run against the same strategy of the baseline run.</summary>
/// <param name="Ratio">median(this run) / median(baseline); below 1 means this run was faster. Null when either side has no measurement.</param>
/// <param name="Tested">False when either side has fewer than 2 repetitions: no significance test is possible.</param>
/// <param name="PValue">Welch's two-sided p-value, when tested.</param>
/// <param name="Verdict">"significant", "not significant", "not enough repetitions" or "not measured".</param>
public sealed record RunRatio(long RunId, double? Median, double? Ratio, bool Tested, bool Significant, double? PValue, string Verdict);
