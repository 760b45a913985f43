using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Shows its content (buttons that run, cancel, delete, import, relabel, change knobs or share)
/// only to the owner, as <see cref="DashboardAuth.OwnerPolicy"/> decides; the handlers behind them
/// check the same policy again before they act.
/// </summary>
public sealed partial class OwnerOnly
{
    private bool? _owner;

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>What a viewer sees instead, e.g. "Read-only: the owner cancels runs"; nothing when null.</summary>
    [Parameter]
    public string? Note { get; set; }

    [Inject]
    private DashboardAccess Access { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _owner = await Access.IsOwnerAsync();
}
