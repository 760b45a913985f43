namespace Dashboard.Web.Compare;

/// <summary>A strategy across the compared runs: the baseline's median and every other run's ratio to it.</summary>
public sealed record CompareRow(string Strategy, double? BaselineMedian, IReadOnlyList<RunRatio> Others);
