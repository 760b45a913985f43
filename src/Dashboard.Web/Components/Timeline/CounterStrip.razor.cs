using System.Globalization;
using Dashboard.Engine.Running;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// One strategy's counter samples under its timeline: the head's figures here; the plot is the
/// timeline module's (it draws the same samples, which reach it with the timeline's events, on the
/// canvas' scale).
/// </summary>
public sealed partial class CounterStrip : ComponentBase
{
    [Parameter, EditorRequired]
    public string Strategy { get; set; } = "";

    [Parameter]
    public IReadOnlyList<CounterSample> Samples { get; set; } = [];

    private int Processes => Samples.Select(s => s.Process).Distinct().Count();

    private string Peak(Func<CounterSample, double> value) =>
        Samples.Max(value).ToString("0.#", CultureInfo.InvariantCulture);

    private string Last(Func<CounterSample, double> value) =>
        Samples.GroupBy(s => s.Process).Sum(g => value(g.Last())).ToString("0.#", CultureInfo.InvariantCulture);
}
