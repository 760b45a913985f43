using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Layout;

public sealed partial class MainLayout
{
    private const string StorageKey = "dashboard-dark";

    private readonly MudTheme _theme = DashboardTheme.Create();
    private bool _dark;
    private MudThemeProvider? _themeProvider;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

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
            if (dark != _dark)
            {
                _dark = dark;
                StateHasChanged();
            }
        }
        catch (JSException)
        {
            // Storage can be off (private mode, policy): the toggle still works for this visit.
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
}
