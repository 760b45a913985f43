using Dashboard.Engine.Findings;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>How a finding's severity looks: one icon and one colour each, the same on every page.</summary>
public static class WarningVisuals
{
    public static string Icon(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => Icons.Material.Filled.Error,
        FindingSeverity.Warning => Icons.Material.Filled.Warning,
        _ => Icons.Material.Filled.Info,
    };

    public static Color Color(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => MudBlazor.Color.Error,
        FindingSeverity.Warning => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Info,
    };

    /// <summary>"error", "warning", "info": as the JSON writes it.</summary>
    public static string Label(FindingSeverity severity) => severity.ToString().ToLowerInvariant();
}
