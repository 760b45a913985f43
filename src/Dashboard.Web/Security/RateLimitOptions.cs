namespace Dashboard.Web.Security;

/// <summary>Requests per client address and minute (configuration section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Runs started: POST /api/runs, the Run page, POST /sim/capabilities.</summary>
    public int RunsPerMinute { get; set; } = 30;

    /// <summary>Runs imported: POST /api/runs/import and the History page.</summary>
    public int ImportsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts: GET and POST /login, and every request with a wrong bearer token.</summary>
    public int LoginsPerMinute { get; set; } = 30;
}
