namespace Dashboard.Web.Simulation;

/// <summary>The body of PUT /sim/knobs: each field given replaces that knob, omitted fields keep their value.</summary>
public sealed record SimulationKnobsUpdate(
    int? GenreLatencyMs = null,
    int? PageLatencyMs = null,
    int? JitterMs = null,
    double? FailureRate = null,
    int? RateLimitPerSecond = null,
    int? PageSizeKb = null)
{
    /// <summary>The knobs after applying this update to <paramref name="current"/>.</summary>
    public SimulationOptions ApplyTo(SimulationOptions current) => current with
    {
        GenreLatencyMs = GenreLatencyMs ?? current.GenreLatencyMs,
        PageLatencyMs = PageLatencyMs ?? current.PageLatencyMs,
        JitterMs = JitterMs ?? current.JitterMs,
        FailureRate = FailureRate ?? current.FailureRate,
        RateLimitPerSecond = RateLimitPerSecond ?? current.RateLimitPerSecond,
        PageSizeKb = PageSizeKb ?? current.PageSizeKb,
    };
}
