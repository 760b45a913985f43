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

    /// <summary>
    /// Fewer tasks in flight than this and the working set's growth is the process's (the page, the
    /// JIT, buffers), not the tasks': the head shows the growth itself instead of dividing it (one
    /// sequential task "holding" 45 MB).
    /// </summary>
    public const int MinTasksToDivide = 100;

    private readonly record struct PerTask(double Bytes, int Tasks)
    {
        public bool Divides => Tasks >= MinTasksToDivide;

        /// <summary>The head's text: memory per task, or with few in flight the growth since the repetition's start.</summary>
        public override string ToString() => Divides
            ? string.Create(CultureInfo.InvariantCulture, $"memory per task {Size(Bytes)} ({Tasks:N0} in flight)")
            : string.Create(CultureInfo.InvariantCulture, $"memory +{Size(Bytes * Tasks)} since the start ({Tasks:N0} in flight: too few to divide)");

        private static string Size(double bytes) => bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0.#} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.#} KB");
    }
}
