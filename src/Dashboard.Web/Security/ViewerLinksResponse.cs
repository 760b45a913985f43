namespace Dashboard.Web.Security;

/// <summary>GET /api/viewer-links: the links that hold, viewers signed in, viewers watching now, and the cap.</summary>
public sealed record ViewerLinksResponse(IReadOnlyList<ViewerLinkInfo> Links, int Viewers, int Watching, int MaxViewers);
