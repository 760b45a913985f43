namespace Dashboard.Web.Bench;

/// <summary>One task's bar: seconds since its strategy repetition started, the lane "pid:tid", ok/failed/cancelled.</summary>
public sealed record BenchSpan(int Task, string Lane, double Start, double End, string Status);
