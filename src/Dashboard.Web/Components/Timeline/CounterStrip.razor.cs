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

    /// <summary>The latest memory per task of this process's in-flight tasks (<see cref="CounterSample.BytesPerTask"/>); null when none was sampled.</summary>
    private PerTask? MemoryPerTask =>
        Samples.LastOrDefault(s => s.BytesPerTask is not null) is { BytesPerTask: { } bytes, TasksInFlight: { } inFlight }
            ? new PerTask(bytes, inFlight)
            : null;

    private int Processes => Samples.Select(s => s.Process).Distinct().Count();

    private string Peak(Func<CounterSample, double> value) =>
        Samples.Max(value).ToString("0.#", CultureInfo.InvariantCulture);

    private string Last(Func<CounterSample, double> value) =>
        Samples.GroupBy(s => s.Process).Sum(g => value(g.Last())).ToString("0.#", CultureInfo.InvariantCulture);

    private readonly record struct PerTask(double Bytes, int Tasks)
    {
        public string InFlight => string.Create(CultureInfo.InvariantCulture, $"{Tasks:N0} in flight");

        public override string ToString() => Bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{Bytes / (1024 * 1024):0.#} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{Bytes / 1024:0.#} KB");
    }
}
