using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Wraps a bar chart (MudChart, SVG) with an accessible name that reads its figures and a data
/// table alternative; both come from the same series the chart draws.
/// </summary>
public sealed partial class AccessibleChart
{
    /// <summary>What the chart shows, e.g. "Wall time per strategy, median ms".</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    /// <summary>The chart's x labels (strategies).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Labels { get; set; } = [];

    /// <summary>The chart's series, one value per label each.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ChartSeries<double>> Series { get; set; } = [];

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>What the rows are, the data table's first column heading ("Strategy", or "Workers" for a sweep).</summary>
    [Parameter]
    public string RowHeader { get; set; } = "Strategy";

    /// <summary>The kind of chart its accessible name starts with.</summary>
    [Parameter]
    public string Kind { get; set; } = "Bar chart";

    /// <summary>"Bar chart: Wall time per strategy, median ms. Sequential 1,204; Threads 310."</summary>
    internal string Summary
    {
        get
        {
            var rows = Labels.Select((label, i) => Series.Count == 1
                ? $"{label} {Value(Series[0], i)}"
                : $"{label}: {string.Join(", ", Series.Select(s => $"{s.Name} {Value(s, i)}"))}");
            return $"{Kind}: {Title}. {string.Join("; ", rows)}.";
        }
    }

    private static string Value(ChartSeries<double> series, int index)
    {
        var values = series.Data.Values.ToList();
        return index < values.Count ? values[index].ToString("#,0.###", CultureInfo.InvariantCulture) : "–";
    }
}
