using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The dashboard's palette: a deep indigo primary and a teal secondary that keep their contrast on
/// both a white and a near-black background.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            Tertiary = "#f4511e",
            Info = "#1e88e5",
            Success = "#2e7d32",
            Warning = "#ef6c00",
            Error = "#c62828",
            AppbarBackground = "#283593",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            TextPrimary = "#1c1f2a",
            TextSecondary = "#555a6e",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            PrimaryContrastText = "#10142e",
            Secondary = "#4db6ac",
            Tertiary = "#ff8a65",
            Info = "#64b5f6",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef5350",
            AppbarBackground = "#1a1d2b",
            AppbarText = "#e8eaf6",
            Background = "#12141c",
            Surface = "#1c1f2b",
            DrawerBackground = "#1c1f2b",
            TextPrimary = "#e6e8f0",
            TextSecondary = "#a3a8bd",
            LinesDefault = "#34384a",
            TableLines = "#34384a",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
