using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Tests.Statistics;

public sealed class AmdahlFitTests
{
    private static double Amdahl(double f, double n) => 1 / (f + (1 - f) / n);

    [Fact]
    public void Fit_SyntheticCurveWithNoise_RecoversSerialFraction()
    {
        // f = 0.1 at 1..16 workers, each speedup off by up to ±1.5 % (a fixed seed: the same noise every run).
        var random = new Random(20261201);
        int[] sizes = [1, 2, 3, 4, 6, 8, 12, 16];
        var points = sizes.Select(n => ((double)n, Amdahl(0.1, n) * (1 + (random.NextDouble() - 0.5) * 0.03))).ToList();

        var fit = AmdahlFit.Fit(points);

        Assert.NotNull(fit);
        Assert.InRange(fit.SerialFraction, 0.09, 0.11);
        Assert.InRange(fit.SpeedupLimit!.Value, 1 / 0.11, 1 / 0.09);
        Assert.True(fit.R2 > 0.99, $"r2 {fit.R2}");
    }

    [Fact]
    public void Fit_ExactCurve_IsExact()
    {
        var fit = AmdahlFit.Fit([(1, 1), (2, Amdahl(0.25, 2)), (4, Amdahl(0.25, 4)), (8, Amdahl(0.25, 8))]);

        Assert.Equal(0.25, fit!.SerialFraction, 1e-6);
        Assert.Equal(4, fit.SpeedupLimit!.Value, 1e-4);
        Assert.Equal(1, fit.R2, 1e-9);
        Assert.Equal(Amdahl(0.25, 3), fit.SpeedupAt(3), 1e-6);
    }

    [Fact]
    public void Fit_LinearSpeedup_HasNoLimit()
    {
        var fit = AmdahlFit.Fit([(1, 1), (2, 2), (4, 4)]);

        Assert.Equal(0, fit!.SerialFraction, 1e-6);
        Assert.Null(fit.SpeedupLimit);
        Assert.Equal(1, fit.R2, 1e-9);
    }

    [Fact]
    public void Fit_NoGainAtAll_IsAllSerial()
    {
        // Adding workers changed nothing: f = 1, speedup limit 1.
        var fit = AmdahlFit.Fit([(1, 1), (2, 1), (4, 1)]);

        Assert.Equal(1, fit!.SerialFraction, 1e-6);
        Assert.Equal(1, fit.SpeedupLimit!.Value, 1e-6);
    }

    [Fact]
    public void Fit_SuperlinearSpeedup_ClampsToZeroWithImperfectR2()
    {
        var fit = AmdahlFit.Fit([(1, 1), (2, 3), (4, 9)]);

        Assert.Equal(0, fit!.SerialFraction);
        Assert.True(fit.R2 < 0.99, $"r2 {fit.R2}");
    }

    [Fact]
    public void Fit_TooFewPoints_IsNull()
    {
        Assert.Null(AmdahlFit.Fit([(2, 1.8)]));
        Assert.Null(AmdahlFit.Fit([(1, 1), (1, 1.02)]));
        Assert.Null(AmdahlFit.Fit([(1, 1), (2, double.NaN)]));
        Assert.Null(AmdahlFit.Fit([]));
    }
}
