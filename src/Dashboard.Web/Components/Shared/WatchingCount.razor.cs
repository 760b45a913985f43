using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// How many read-only viewers watch now (<see cref="ViewerPresence"/>), for the owner only; updates
/// as viewers come and go.
/// </summary>
public sealed partial class WatchingCount : IDisposable
{
    private bool _owner;
    private int _watching;
    private bool _subscribed;

    [Inject]
    private DashboardAccess Access { get; set; } = default!;

    [Inject]
    private ViewerPresence Presence { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _owner = await Access.IsOwnerAsync();
        _watching = _owner ? Presence.Watching() : 0;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _owner && RendererInfo.IsInteractive)
        {
            Presence.Changed += OnChanged;
            _subscribed = true;

            // A viewer may have come or gone between the first render and the subscription.
            OnChanged();
        }
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            Presence.Changed -= OnChanged;
        }
    }

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        var now = Presence.Watching();
        if (now != _watching)
        {
            _watching = now;
            StateHasChanged();
        }
    });
}
