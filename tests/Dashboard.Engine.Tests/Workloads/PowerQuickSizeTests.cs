using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

public sealed class PowerQuickSizeTests
{
    private static CpuCalibration Calibration(string engine, double oneProcessSeconds) =>
        new(engine, 1_000_000, 16, 2, 3, oneProcessSeconds, oneProcessSeconds / 1.9, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(PowerEngine.Gmp, LabRuntime.Dotnet)]
    [InlineData(PowerEngine.Managed, LabRuntime.Dotnet)]
    [InlineData(PowerEngine.Gmp, LabRuntime.Python)]
    public void For_EachMachine_SequentialEstimateNearItsTarget(PowerEngine engine, LabRuntime runtime)
    {
        var machine = new PresetMachine(engine, runtime, null);

        var quick = PowerQuickSize.For(machine);

        var (dotnet, python) = PowerQuickSize.SequentialSeconds(quick, machine);
        var seconds = runtime == LabRuntime.Dotnet ? dotnet : python!.Value;
        var target = runtime == LabRuntime.Dotnet ? PowerQuickSize.DotnetSequentialSeconds : PowerQuickSize.PythonSequentialSeconds;
        Assert.Equal(PowerQuickSize.Tasks, quick.Count);
        Assert.InRange(seconds, target * 0.85, target * 1.15);
    }

    [Fact]
    public void For_GmpInDotnet_LargerIThanWithManaged()
    {
        var gmp = PowerQuickSize.For(new PresetMachine(PowerEngine.Gmp, LabRuntime.Dotnet, null));
        var managed = PowerQuickSize.For(new PresetMachine(PowerEngine.Managed, LabRuntime.Dotnet, null));

        // GMP is ~25x faster per bit: the same seconds need a much larger i (the old fixed 150,000 gave 7 ms tasks).
        Assert.True(gmp.Start > 3 * managed.Start, $"gmp {gmp.Start}, managed {managed.Start}");
    }

    [Fact]
    public void For_SlowerCalibratedMachine_SmallerI()
    {
        var model = PowerQuickSize.For(new PresetMachine(PowerEngine.Gmp, LabRuntime.Dotnet, null));
        var modelSeconds = PowerQuickSize.SequentialSeconds(new PowerParameters(1_000_000, 16, PowerEngine.Gmp), new PresetMachine(PowerEngine.Gmp, LabRuntime.Dotnet, null)).Dotnet;

        var slow = new PresetMachine(PowerEngine.Gmp, LabRuntime.Dotnet, Calibration("gmp", modelSeconds * 2));
        var fitted = PowerQuickSize.For(slow);

        Assert.True(fitted.Start < model.Start, $"calibrated {fitted.Start}, model {model.Start}");
        Assert.InRange(PowerQuickSize.SequentialSeconds(fitted, slow).Dotnet, PowerQuickSize.DotnetSequentialSeconds * 0.85, PowerQuickSize.DotnetSequentialSeconds * 1.15);
        Assert.Contains("from this machine's CPU calibration", PowerQuickSize.Expectation(fitted, slow), StringComparison.Ordinal);
    }

    [Fact]
    public void For_BothRuntimes_ManagedEngineSoDotnetTasksAreNotTiny()
    {
        var machine = new PresetMachine(PowerEngine.Gmp, LabRuntime.Both, null);

        var quick = PowerQuickSize.For(machine);

        Assert.Equal(PowerEngine.Managed, quick.Engine);
        var (dotnet, python) = PowerQuickSize.SequentialSeconds(quick, machine);
        Assert.True(dotnet > 0.5, $"dotnet {dotnet:0.00} s");
        Assert.Contains(" s in .NET and ", PowerQuickSize.Expectation(quick, machine), StringComparison.Ordinal);
        Assert.NotNull(python);
    }

    [Fact]
    public void For_BothRuntimes_EachReachesItsOwnTarget()
    {
        var machine = new PresetMachine(PowerEngine.Gmp, LabRuntime.Both, null);

        var (dotnet, python) = PowerQuickSize.SequentialSeconds(PowerQuickSize.For(machine), machine);

        // Rounding to 10,000s may land a few percent under the target.
        Assert.True(dotnet >= PowerQuickSize.DotnetSequentialSeconds * 0.9, $"dotnet {dotnet:0.00} s");
        Assert.True(python >= PowerQuickSize.PythonSequentialSeconds * 0.9, $"python {python:0.00} s");
    }

    [Fact]
    public void PresetsGet_FittedQuick_EqualsTheSizer()
    {
        var machine = new PresetMachine(PowerEngine.Managed, LabRuntime.Python, null);

        Assert.Equal(PowerQuickSize.For(machine), WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Quick, machine));
        Assert.Equal(new GenreParameters(Tasks: 8), WorkloadPresets.Get(GenreParameters.WorkloadId, WorkloadPresets.Quick, machine));
    }
}
