using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workers;

/// <summary>Real worker processes computing real GMP powers (libgmp10 must be installed: tests/run-all.sh does).</summary>
public sealed class CpuCalibratorTests
{
    [Fact]
    public async Task Measure_GmpOnTwoProcesses_TimesBothRoundsAndTheirRatio()
    {
        var calibration = await CpuCalibrator.MeasureAsync(PowerEngine.Gmp, processes: 2, rounds: 1).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(("gmp", 1_000_000, 16, 2, 1), (calibration.Engine, calibration.Start, calibration.Tasks, calibration.Processes, calibration.Rounds));
        Assert.True(calibration.OneProcessSeconds > 0);
        Assert.True(calibration.ParallelSeconds > 0);
        Assert.Equal(calibration.OneProcessSeconds / calibration.ParallelSeconds, calibration.Speedup, 1e-12);
    }

    [Fact]
    public async Task Measure_MissingWorker_Throws()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => CpuCalibrator.MeasureAsync(PowerEngine.Managed, 1, 1,
            Path.Combine(Path.GetTempPath(), "nowhere", "Dashboard.Worker.dll")));
    }
}
