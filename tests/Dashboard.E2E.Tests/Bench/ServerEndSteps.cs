using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Dashboard.Web.Telemetry;

namespace Dashboard.E2E.Tests.Bench;

/// <summary>
/// The server's side of a run's end, heard in process (the app runs in the test process): the spans
/// of <see cref="RunEndSteps"/> (published, stored, analysed, each page's finished render) and every
/// Blazor render batch (the framework's <c>aspnetcore.components.render_diff.duration</c> and <c>.size</c>:
/// from the render to the browser's acknowledgement, and its DOM edits), each with the wall-clock time it ended.
/// </summary>
internal sealed class ServerEndSteps : IDisposable
{
    private const string RenderDiff = "aspnetcore.components.render_diff";

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<(string Name, long RunId, DateTime Start, TimeSpan Duration)> _spans = new();
    private readonly ConcurrentQueue<(DateTime At, double Seconds, long Length)> _renders = new();

    public ServerEndSteps()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DashboardTelemetry.RunsName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => _spans.Enqueue((a.OperationName, a.GetTagItem(DashboardTelemetry.RunIdAttribute) is long id ? id : 0, a.StartTimeUtc, a.Duration)),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name.StartsWith(RenderDiff, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };

        // .NET 10 records a batch's duration (to the browser's acknowledgement) and its size (DOM edits) apart.
        _meters.SetMeasurementEventCallback<double>((_, seconds, _, _) => _renders.Enqueue((DateTime.UtcNow, seconds, -1)));
        _meters.SetMeasurementEventCallback<int>((_, size, _, _) => _renders.Enqueue((DateTime.UtcNow, -1, size)));
        _meters.SetMeasurementEventCallback<long>((_, size, _, _) => _renders.Enqueue((DateTime.UtcNow, -1, size)));
        _meters.Start();
    }

    /// <summary>Lines for the run's end at <paramref name="endedAt"/> (Unix ms): each step's start and end after it.</summary>
    public IEnumerable<string> Describe(long runId, long endedAt, TimeSpan window)
    {
        double Ms(DateTime t) => new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds() - endedAt;
        var spans = _spans.Where(s => s.RunId == runId).OrderBy(s => s.Start).ToArray();
        foreach (var name in new[] { RunEndSteps.Stored, RunEndSteps.Published, RunEndSteps.Analysed })
        {
            foreach (var s in spans.Where(s => s.Name == name))
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"    server {name}: +{Ms(s.Start):0} ms to +{Ms(s.Start + s.Duration):0} ms ({s.Duration.TotalMilliseconds:0} ms)");
            }
        }

        var pages = spans.Where(s => s.Name == RunEndSteps.PageShown).Select(s => (Start: Ms(s.Start), End: Ms(s.Start + s.Duration))).OrderBy(p => p.End).ToArray();
        if (pages.Length > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    server {RunEndSteps.PageShown} x{pages.Length}: heard the end +{pages.Min(p => p.Start):0}..+{pages.Max(p => p.Start):0} ms, results rendered +{pages[0].End:0}..+{pages[^1].End:0} ms (median +{pages[pages.Length / 2].End:0})");
        }

        var rendering = spans.Where(s => s.Name == RunEndSteps.PageResults).Select(s => Ms(s.Start)).Order().ToArray();
        if (rendering.Length > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    server {RunEndSteps.PageResults} x{rendering.Length}: +{rendering[0]:0}..+{rendering[^1]:0} ms (median +{rendering[rendering.Length / 2]:0})");
        }

        var from = DateTimeOffset.FromUnixTimeMilliseconds(endedAt).UtcDateTime;
        var renders = _renders.Where(r => r.At >= from && r.At <= from + window).ToArray();
        var durations = renders.Where(r => r.Seconds >= 0).Select(r => r.Seconds * 1000).ToArray();
        var sizes = renders.Where(r => r.Length >= 0).Select(r => r.Length).ToArray();
        if (durations.Length > 0)
        {
            var edits = sizes.Length > 0 ? string.Create(CultureInfo.InvariantCulture, $"; DOM edits {sizes.Sum():N0} in all, largest batch {sizes.Max():N0}") : "";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"    server render batches acknowledged in the {window.TotalSeconds:0} s after the end: {durations.Length}, render to acknowledgement {durations.Sum():0} ms in all, longest {durations.Max():0} ms{edits}");
        }
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
