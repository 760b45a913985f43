using System.Globalization;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Pages;

/// <summary>
/// The owner's share panel: make a read-only viewer link (shown once), see the links with their
/// viewers and how many watch now, revoke one (its viewers are signed out at once). The same
/// <see cref="DashboardAuth.OwnerPolicy"/> as /api/viewer-links decides who may.
/// </summary>
public sealed partial class SharePage : IDisposable
{
    private bool? _owner;
    private IReadOnlyList<ViewerLinkInfo> _links = [];
    private int _viewers;
    private int _watching;
    private CreatedViewerLink? _created;
    private string? _createdUrl;
    private string? _message;
    private bool _subscribed;

    [Inject]
    private DashboardAccess Access { get; set; } = default!;

    [Inject]
    private ViewerLinks Links { get; set; } = default!;

    [Inject]
    private ViewerPresence Presence { get; set; } = default!;

    [Inject]
    private DashboardSessions Sessions { get; set; } = default!;

    [Inject]
    private IOptions<AuthOptions> Options { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<SharePage> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _owner = Options.Value.Mode != AuthMode.None && await Access.IsOwnerAsync();
        Load();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && _owner == true && RendererInfo.IsInteractive)
        {
            Presence.Changed += OnChanged;
            _subscribed = true;
        }
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            Presence.Changed -= OnChanged;
        }
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private void Load()
    {
        if (_owner != true)
        {
            return;
        }

        _links = Links.List();
        _viewers = Links.Viewers;
        _watching = Presence.Watching();
    }

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        Load();
        StateHasChanged();
    });

    private async Task CreateAsync()
    {
        _message = null;
        if (!await Access.IsOwnerAsync())
        {
            _message = DashboardAuth.ViewerRefusal;
            return;
        }

        var (link, refusal) = Links.Create();
        _created = link;
        _createdUrl = link is null ? null : Navigation.ToAbsoluteUri(link.Path).AbsoluteUri;
        _message = refusal;
        Load();
    }

    private async Task RevokeAsync(string id)
    {
        _message = null;
        if (!await Access.IsOwnerAsync())
        {
            _message = DashboardAuth.ViewerRefusal;
            return;
        }

        if (!Sessions.RevokeViewerLink(id))
        {
            _message = "That link had already ended.";
        }
        else
        {
            Logger.LogInformation("Read-only viewer link {LinkId} revoked from the Share page", id);
        }

        if (_created?.Id == id)
        {
            _created = null;
            _createdUrl = null;
        }

        Load();
    }
}
