namespace Dashboard.Web.Api;

/// <summary>The answer to POST /api/runs and POST /api/runs/import.</summary>
public sealed record CreateRunResponse(long Id, string State, int? QueuePosition, string Location);
