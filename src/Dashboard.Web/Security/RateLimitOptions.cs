namespace Dashboard.Web.Security;

/// <summary>Requests per client address and minute (configuration section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>POST /api/runs.</summary>
    public int RunsPerMinute { get; set; } = 30;

    /// <summary>POST /api/runs/import.</summary>
    public int ImportsPerMinute { get; set; } = 10;

    /// <summary>GET and POST /login.</summary>
    public int LoginsPerMinute { get; set; } = 30;
}
