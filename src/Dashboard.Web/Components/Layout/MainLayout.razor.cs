using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

public sealed partial class MainLayout : IDisposable
{
    private const string StorageKey = "dashboard-dark";
    private const string LargeKey = "dashboard-large";

    /// <summary>The class on &lt;html&gt; that scales the text (rem) for a projector (dashboard.css).</summary>
    private const string LargeClass = "dash-large";

    private readonly MudTheme _theme = DashboardTheme.Create();
    private bool _dark;
    private bool _menuOpen;
    private bool _large;
    private MudThemeProvider? _themeProvider;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The skip link's target on the current page (a bare "#main" would go to the base URL).</summary>
    private string SkipHref => Navigation.ToBaseRelativePath(Navigation.Uri).Split('#')[0] is var path ? $"{path}#main" : "#main";

    protected override void OnInitialized() => Navigation.LocationChanged += CloseMenuOnNavigation;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            var stored = await JS.InvokeAsync<string?>("localStorage.getItem", StorageKey);

            // No choice made yet: follow the operating system's preference.
            var dark = stored is null
                ? _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync()
                : stored == "1";
            var large = await JS.InvokeAsync<string?>("localStorage.getItem", LargeKey) == "1";
            if (dark != _dark || large != _large)
            {
                _dark = dark;
                _large = large;
                await ApplyLargeAsync();
                StateHasChanged();
            }
        }
        catch (JSException)
        {
            // Storage can be off (private mode, policy): the toggle still works for this visit.
        }
    }

    private void ToggleMenu() => _menuOpen = !_menuOpen;

    private void CloseMenuOnNavigation(object? sender, LocationChangedEventArgs e)
    {
        if (_menuOpen)
        {
            _menuOpen = false;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private async Task ToggleDarkAsync()
    {
        _dark = !_dark;
        try
        {
            await JS.InvokeVoidAsync("localStorage.setItem", StorageKey, _dark ? "1" : "0");
        }
        catch (JSException)
        {
            // See above: remembering the choice is a nicety.
        }
    }

    private async Task ToggleLargeAsync()
    {
        _large = !_large;
        try
        {
            await ApplyLargeAsync();
            await JS.InvokeVoidAsync("localStorage.setItem", LargeKey, _large ? "1" : "0");
        }
        catch (JSException)
        {
            // Storage off: the class is set for this visit.
        }
    }

    private ValueTask ApplyLargeAsync() =>
        JS.InvokeVoidAsync("document.documentElement.classList.toggle", LargeClass, _large);

    public void Dispose() => Navigation.LocationChanged -= CloseMenuOnNavigation;
}
