namespace Dashboard.Web.Security;

/// <summary>A read-only viewer link as the owner sees it: never its secret.</summary>
/// <param name="Id">The link's public id (the first part of its token).</param>
/// <param name="CreatedAt">When the owner made it.</param>
/// <param name="ExpiresAt">When it, and every sign-in made with it, stops working.</param>
/// <param name="Viewers">Viewers signed in with it now (each counts against Auth:MaxViewers).</param>
public sealed record ViewerLinkInfo(string Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int Viewers);
