using System.Globalization;
using System.Text;
using Dashboard.Engine.Running;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Timeline;

/// <summary>
/// A compact SVG strip of one strategy's counter samples, under its timeline and on its time axis. Each series is scaled to its own peak
/// (CPU to at least 100 %, one core), so its shape reads at a glance and the head gives the figures.
/// At most <see cref="MaxPoints"/> points per line: a long run's 20,000 samples stay a light render.
/// </summary>
public sealed partial class CounterStrip : ComponentBase
{
    /// <summary>Most points drawn per line.</summary>
    public const int MaxPoints = 400;

    private const int Width = 1000;
    private const int Height = 40;

    [Parameter, EditorRequired]
    public string Strategy { get; set; } = "";

    [Parameter]
    public string Name { get; set; } = "";

    [Parameter]
    public IReadOnlyList<CounterSample> Samples { get; set; } = [];

    /// <summary>
    /// Seconds the svg spans, from 0: the latest sample's time. timeline.js gives the svg the width
    /// these seconds have on the canvas above, so both share one time axis.
    /// </summary>
    private double Seconds { get; set; } = 0.001;

    protected override void OnParametersSet() =>
        Seconds = Samples.Count == 0 ? 0.001 : Math.Max(Samples.Max(s => s.T), 0.001);

    private string SecondsText => Seconds.ToString("0.######", CultureInfo.InvariantCulture);

    private int Processes => Samples.Select(s => s.Process).Distinct().Count();

    private string Peak(Func<CounterSample, double> value) =>
        Samples.Max(value).ToString("0.#", CultureInfo.InvariantCulture);

    private string Last(Func<CounterSample, double> value) =>
        Samples.GroupBy(s => s.Process).Sum(g => value(g.Last())).ToString("0.#", CultureInfo.InvariantCulture);

    private IEnumerable<(string Class, string Points)> Lines()
    {
        var domain = Seconds;
        var cpuTop = Math.Max(100, Samples.Max(s => s.CpuPercent));
        var threadsTop = Math.Max(1, Samples.Max(s => s.Threads));
        var queueTop = Math.Max(1, Samples.Max(s => s.PoolQueue));
        foreach (var process in Samples.GroupBy(s => s.Process))
        {
            var points = Thin(process.ToList());
            yield return ("cs-user", Polyline(points, domain, s => s.CpuUserPercent / cpuTop));
            yield return ("cs-system", Polyline(points, domain, s => s.CpuSystemPercent / cpuTop));
            yield return ("cs-threads", Polyline(points, domain, s => s.Threads / (double)threadsTop));
            yield return ("cs-queue", Polyline(points, domain, s => s.PoolQueue / (double)queueTop));
        }
    }

    private static List<CounterSample> Thin(List<CounterSample> samples)
    {
        if (samples.Count <= MaxPoints)
        {
            return samples;
        }

        var step = samples.Count / (double)MaxPoints;
        return Enumerable.Range(0, MaxPoints).Select(i => samples[(int)(i * step)]).Append(samples[^1]).ToList();
    }

    private static string Polyline(List<CounterSample> samples, double domain, Func<CounterSample, double> fraction)
    {
        var text = new StringBuilder(samples.Count * 12);
        foreach (var s in samples)
        {
            var x = Math.Clamp(s.T / domain, 0, 1) * Width;
            var y = Height - 1 - (Math.Clamp(fraction(s), 0, 1) * (Height - 2));
            text.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        }

        return text.ToString();
    }
}
