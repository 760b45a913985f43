using System.Globalization;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Explain;

/// <summary>
/// Lines on a scaling sweep: for a workload that computes, the fitted serial fraction and what
/// it means on this run; for one that waits, that it is not Amdahl-shaped (no fit is quoted).
/// </summary>
internal static class ScalingExplainer
{
    /// <summary>Below this r² the fit is called loose: the points do not follow Amdahl's curve well.</summary>
    public const double LooseFit = 0.9;

    public static void Explain(ExplainRun run)
    {
        var input = run.Input;
        var curves = input.Scaling.Where(c => c.Baseline is not null && c.Points.Count(p => p.Speedup is not null) >= 2).ToList();
        if (curves.Count == 0)
        {
            if (input.Scaling.Count > 0)
            {
                run.Add("scaling", ExplainRanks.Scaling, "The sweep has no speedups to show: it needs size 1 in the sweep or sequential in the run as the baseline.");
            }

            return;
        }

        if (input.Kind != WorkloadKind.CpuBound)
        {
            NotAmdahlShaped(run, curves);
            return;
        }

        foreach (var curve in curves)
        {
            Fitted(run, curve);
        }

        var largest = curves.Max(c => c.Points.Max(p => p.Size));
        if (largest > input.Cores)
        {
            run.Add("scaling", ExplainRanks.Scaling - 1, string.Create(CultureInfo.InvariantCulture,
                $"This machine has {input.Cores} cores: sizes above {input.Cores} cannot compute at once, so part of each fitted serial fraction is the cores running out, not serial code. Amdahl's law assumes a core per worker."),
                ("cores", Fmt.Count(input.Cores)), ("largest size", Fmt.Count(largest)));
        }
    }

    private static void Fitted(ExplainRun run, ScalingCurve curve)
    {
        var name = StrategyText.Name(curve.Strategy);
        var against = curve.Baseline == ScalingSweep.SizeOneBaseline ? "its own size 1" : "sequential";
        var top = curve.Points.Last(p => p.Speedup is not null);
        var reached = string.Create(CultureInfo.InvariantCulture,
            $"{Fmt.Speedup(top.Speedup!.Ratio)} at {top.Size} {StrategyCatalog.Get(curve.Strategy).Size!.Unit} against {against}");
        if (curve.Fit is not { } fit)
        {
            run.Add("scaling", ExplainRanks.Scaling, $"The {name} sweep reached {reached}; no Amdahl fit (it needs speedups at 2 or more sizes, one above 1).",
                ("strategy", curve.Strategy), ("top speedup", Fmt.Speedup(top.Speedup!.Ratio)));
            return;
        }

        var sentence = fit.SpeedupLimit is { } limit
            ? string.Create(CultureInfo.InvariantCulture,
                $"The {name} sweep reached {reached}. Amdahl's law fits it with a serial fraction of {fit.SerialFraction:0.000} (r² {fit.R2:0.00}): about {Fmt.Percent(fit.SerialFraction)} of this run's work did not shrink with more {StrategyCatalog.Get(curve.Strategy).Size!.Unit}, so no size could make it more than {Fmt.Speedup(limit)} faster here.")
            : string.Create(CultureInfo.InvariantCulture,
                $"The {name} sweep reached {reached}. Amdahl's law fits it with a serial fraction of about 0 (r² {fit.R2:0.00}): the speedup grew in step with the size, and these sizes show no limit yet.");
        if (fit.R2 < LooseFit)
        {
            sentence += string.Create(CultureInfo.InvariantCulture,
                $" The fit is loose (r² {fit.R2:0.00}): the points do not follow Amdahl's curve closely, so read the fraction as rough.");
        }

        run.Add("scaling", ExplainRanks.Scaling, sentence, ("strategy", curve.Strategy), ("serial fraction", fit.SerialFraction.ToString("0.000", CultureInfo.InvariantCulture)),
            ("r²", fit.R2.ToString("0.00", CultureInfo.InvariantCulture)), ("loose below", LooseFit.ToString(CultureInfo.InvariantCulture)));
    }

    private static void NotAmdahlShaped(ExplainRun run, List<ScalingCurve> curves)
    {
        var input = run.Input;
        var reached = curves.Select(c =>
        {
            var first = c.Points.First(p => p.Speedup is not null);
            var last = c.Points.Last(p => p.Speedup is not null);
            return string.Create(CultureInfo.InvariantCulture,
                $"{StrategyText.Name(c.Strategy)} went from {Fmt.Speedup(first.Speedup!.Ratio)} at {first.Size} to {Fmt.Speedup(last.Speedup!.Ratio)} at {last.Size}");
        });
        run.Add("scaling", ExplainRanks.Scaling,
            $"This sweep is not Amdahl-shaped, so no serial fraction is fitted: {input.Parameters.Workload} waits rather than computes, and more workers " +
            $"overlap more waits until the {Fmt.Count(input.Parameters.TaskCount)} tasks run out or the targets push back. " +
            $"Amdahl's law is about splitting computation over cores. Measured: {string.Join("; ", reached)}.",
            ("workload", input.Parameters.Workload), ("curves", Fmt.Count(curves.Count)));
    }
}
