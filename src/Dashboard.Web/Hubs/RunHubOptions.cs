namespace Dashboard.Web.Hubs;

/// <summary>Limits of the run hub (configuration section "Hubs").</summary>
public sealed class RunHubOptions
{
    public const string SectionName = "Hubs";

    public const int MaxMaxConnectionsPerClient = 10_000;

    /// <summary>Open connections to /hubs/runs one client address may hold at once (1-10,000); default 20.</summary>
    public int MaxConnectionsPerClient { get; set; } = 20;
}
