namespace Dashboard.Web.Api;

/// <summary>Body caps of the REST API (configuration section "Api"); they hold for chunked bodies too.</summary>
public sealed class ApiLimitsOptions
{
    public const string SectionName = "Api";

    /// <summary>POST /api/runs: a run request is a few hundred bytes.</summary>
    public long MaxRunRequestBytes { get; set; } = 64 * 1024;

    /// <summary>POST /api/runs/import: a 10,000-task run with 7 strategies exports to ~10 MB.</summary>
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;
}
