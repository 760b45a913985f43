using System.Globalization;
using Dashboard.Engine.Prediction;
using Dashboard.Engine.Statistics;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Prediction;

/// <summary>The table of predictions (and, after a run, measurements and errors) with a bar pair per strategy on one scale.</summary>
public sealed partial class PredictionRows
{
    /// <summary>One row: the prediction and, once measured, the strategy's median.</summary>
    public sealed record Row(StrategyPrediction Prediction, double? Measured, double? Error);

    [Parameter, EditorRequired]
    public IReadOnlyList<Row> Rows { get; set; } = [];

    /// <summary>False before a run: only predictions.</summary>
    [Parameter]
    public bool ShowMeasured { get; set; } = true;

    private double Scale => Rows.Count == 0 ? 1 : Math.Max(1e-9, Rows.Max(r => Math.Max(r.Prediction.Seconds, r.Measured ?? 0)));

    private string Width(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"width: {Math.Clamp(seconds / Scale * 100, 0.5, 100):0.#}%");

    /// <summary>"+12%", "-3%", "–" without a figure.</summary>
    public static string Percent(double? error) =>
        error is { } e ? string.Create(CultureInfo.InvariantCulture, $"{(e >= 0 ? "+" : "−")}{Math.Abs(e) * 100:0}%") : "–";

    private static string ErrorClass(double? error) => error is { } e && Math.Abs(e) > 0.35 ? "far" : "";

    /// <summary>"10 tasks on 2 lanes: 5 rounds of 0.1 s waits; CPU 84% of the work, on 2 cores (x2.0); workers start 0.10 s, trips 5.0 ms in all".</summary>
    private static string How(PredictionAssumptions a)
    {
        var text = a.Shape;
        // CPU under 1 % of the work changes nothing worth a clause.
        if (a.CpuShare >= 0.01)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; CPU {Fmt.Percent(a.CpuShare)} of the work, on {Fmt.Plural(a.CpuLanes, "core", "cores")} (x{a.CpuSpeedup:0.0})");
        }

        if (a.StartupSeconds > 0)
        {
            text += $"; workers start {SecondsText.Format(a.StartupSeconds)}, trips {SecondsText.Format(a.TransferSeconds)} in all";
        }

        return text;
    }

    private static string Invariant(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
