using Dashboard.Web.Routes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// The owner's read-only viewer links under /api/viewer-links (the Share page does the same in
/// the browser): GET lists them with their viewers, POST makes one (its token is in this answer
/// only), DELETE /{id} revokes one and signs its viewers out. Every method needs
/// <see cref="DashboardAuth.OwnerPolicy"/>: a viewer cannot see or make links.
/// </summary>
public static class ViewerLinkEndpoints
{
    /// <summary>A link id is 16 hexadecimal characters.</summary>
    public const int MaxIdLength = 32;

    public static IEndpointRouteBuilder MapViewerLinks(this IEndpointRouteBuilder endpoints)
    {
        var links = endpoints.MapGroup(AppRoutes.ApiViewerLinks).WithTags("Viewer links").RequireAuthorization(DashboardAuth.OwnerPolicy);
        links.MapGet("/", List).WithName("ListViewerLinks").WithSummary("Read-only viewer links, their viewers, and how many watch now");
        links.MapPost("/", Create).WithName("CreateViewerLink").WithSummary("Make a read-only viewer link (its token is shown once)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        links.MapDelete("/{id}", Revoke).WithName("RevokeViewerLink").WithSummary("Revoke a read-only viewer link: its viewers are signed out at once")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static Ok<ViewerLinksResponse> List(ViewerLinks links, ViewerPresence presence, IOptionsMonitor<AuthOptions> options) =>
        TypedResults.Ok(new ViewerLinksResponse(links.List(), links.Viewers, presence.Watching(), options.CurrentValue.MaxViewers));

    private static Results<Created<CreatedViewerLink>, ProblemHttpResult> Create(ViewerLinks links)
    {
        var (link, refusal) = links.Create();
        return link is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many viewer links", detail: refusal)
            : TypedResults.Created(AppRoutes.ApiViewerLinks + "/" + link.Id, link);
    }

    private static Results<NoContent, ProblemHttpResult> Revoke(string id, DashboardSessions sessions) =>
        id.Length <= MaxIdLength && sessions.RevokeViewerLink(id)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such viewer link", detail: "There is no read-only viewer link with that id (revoked already, or expired).");
}
