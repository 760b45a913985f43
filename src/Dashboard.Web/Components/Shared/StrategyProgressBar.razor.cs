using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>One strategy's done / total / failed bar with its elapsed time.</summary>
public sealed partial class StrategyProgressBar
{
    [Parameter, EditorRequired]
    public StrategyProgress Progress { get; set; } = default!;

    /// <summary>The clock reading elapsed times are measured to.</summary>
    [Parameter]
    public DateTimeOffset Now { get; set; }

    private static string Pct(double value) => Math.Max(0, value).ToString("0.##", CultureInfo.InvariantCulture);
}
