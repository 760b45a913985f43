namespace Dashboard.Web.Security;

/// <summary>A new read-only viewer link: its token is shown once, only its hash is kept.</summary>
/// <param name="Id">The link's public id.</param>
/// <param name="Token">What the link carries (<c>/login?v=TOKEN</c>): the id and the secret.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record CreatedViewerLink(string Id, string Token, DateTimeOffset ExpiresAt)
{
    /// <summary>The link's path on this site (<c>/login?v=TOKEN</c>).</summary>
    public string Path => Routes.AppRoutes.ViewerLogin(Token);
}
