namespace Dashboard.Web.Bench;

/// <summary>
/// One task's bar: seconds since its strategy repetition started, the lane "pid:tid", ok/failed/cancelled,
/// and for the cluster strategy the node (silo name) that ran it (null elsewhere, left out of the JSON).
/// </summary>
public sealed record BenchSpan(int Task, string Lane, double Start, double End, string Status,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Node = null);
