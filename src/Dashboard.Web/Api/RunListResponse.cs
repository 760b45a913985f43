namespace Dashboard.Web.Api;

/// <summary>GET /api/runs: a page of runs, newest first, and how many match in all.</summary>
public sealed record RunListResponse(IReadOnlyList<RunListItemResponse> Items, int Total, int Skip, int Take);
