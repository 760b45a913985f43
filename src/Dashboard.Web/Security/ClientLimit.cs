namespace Dashboard.Web.Security;

/// <summary>Endpoint metadata: each request to the endpoint takes one permit of <paramref name="Kind"/> (<see cref="ClientRateLimits"/>).</summary>
public sealed record ClientLimit(string Kind);
