namespace Dashboard.Web.Simulation;

/// <summary>One issued capability of the simulated targets; disposing it revokes it.</summary>
public sealed class LabCapability(LabCapabilities owner, string value, DateTimeOffset expiresAt) : IDisposable
{
    /// <summary>What callers send in <see cref="Engine.Workloads.WorkloadEnvironment.TargetCapabilityHeader"/>.</summary>
    public string Value { get; } = value;

    /// <summary>When it stops working even if nobody revokes it.</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public void Dispose() => owner.Revoke(Value);
}
