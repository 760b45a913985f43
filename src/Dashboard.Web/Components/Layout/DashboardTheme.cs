using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The dashboard's palette: a deep indigo primary and a teal secondary that keep their contrast on
/// both a white and a near-black background. Contrast is settled here, not per component (WCAG 2.2
/// AA, measured against the page background #f5f6fa / surface #ffffff and #12141c / #1c1f2b):
/// light colours are dark enough for text on white (>= 4.5:1) and for white text on them (Info
/// #1565c0 5.75:1, Warning #a85000 5.51:1, Secondary #00796b 5.32:1); dark colours are light enough
/// for text on the dark surface, and filled chips and buttons write near-black (#10142e) on them
/// (Success 7.65:1, Info 8.16:1, Warning 9.30:1, Error 5.19:1, Secondary 7.41:1).
/// </summary>
public static class DashboardTheme
{
    /// <summary>Text on the dark theme's light, filled colours (chips, filled buttons).</summary>
    private const string OnDarkColour = "#10142e";

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00796b",
            Tertiary = "#f4511e",
            Info = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a85000",
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
            PrimaryContrastText = OnDarkColour,
            Secondary = "#4db6ac",
            SecondaryContrastText = OnDarkColour,
            Tertiary = "#ff8a65",
            TertiaryContrastText = OnDarkColour,
            Info = "#64b5f6",
            InfoContrastText = OnDarkColour,
            Success = "#66bb6a",
            SuccessContrastText = OnDarkColour,
            Warning = "#ffa726",
            WarningContrastText = OnDarkColour,
            Error = "#ef5350",
            ErrorContrastText = OnDarkColour,
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
