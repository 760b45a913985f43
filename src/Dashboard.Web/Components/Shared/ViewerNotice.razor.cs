using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>The read-only viewer's banner: what the link allows (<see cref="DashboardAuth.ViewerRefusal"/>).</summary>
public sealed partial class ViewerNotice
{
    private bool _viewer;

    [Inject]
    private DashboardAccess Access { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _viewer = !await Access.IsOwnerAsync();
}
