namespace Dashboard.Web.Hubs;

/// <summary>
/// A hub method that changes something: <see cref="RunHubGuard"/> lets only callers who pass
/// <see cref="Security.DashboardAuth.OwnerPolicy"/> invoke it, and tells a read-only viewer why
/// (SignalR's own [Authorize] on a method would answer only "unauthorized").
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RequiresOwnerAttribute : Attribute;
