namespace Dashboard.Web.Simulation;

/// <summary>POST /sim/capabilities: a capability for the simulated targets, the header to send it in, and when it ends.</summary>
public sealed record TargetCapabilityResponse(string Capability, string Header, DateTimeOffset ExpiresAt);
