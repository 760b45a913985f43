using System.Text.Json;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Host;
namespace Dashboard.Web.Tests.Runs;

public sealed class RunEnvironmentTests
{
    [Fact]
    public void Capture_ThisMachine_ReadsCpuCoresGcAndGmp()
    {
        var environment = RunEnvironment.Capture("http://127.0.0.1:5000/sim/", new Dictionary<string, string> { ["latencyMs"] = "100" });

        Assert.Equal(Environment.ProcessorCount, environment.CoreCount);
        Assert.StartsWith(".NET ", environment.DotNetVersion, StringComparison.Ordinal);
        var modelLine = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        if (modelLine is not null)
        {
            Assert.Equal(modelLine[(modelLine.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), environment.CpuModel);
        }

        Assert.Contains(environment.ServerGc ? "server" : "workstation", environment.GcMode, StringComparison.Ordinal);

        // libgmp.so.10 is installed on the machines we test on (tests/run-all.sh makes sure).
        Assert.Matches(@"^gmp \d+\.\d+", environment.ArithmeticEngine);
        Assert.Equal("100", environment.Knobs["latencyMs"]);
    }

    [Fact]
    public void Capture_SerializedWithRunJsonOptions_RoundTrips()
    {
        var environment = RunEnvironment.Capture("http://x/sim/", new Dictionary<string, string> { ["jitterMs"] = "5" });

        var back = JsonSerializer.Deserialize<RunEnvironment>(JsonSerializer.Serialize(environment, RunJson.Options), RunJson.Options)!;

        Assert.Equal(environment.CpuModel, back.CpuModel);
        Assert.Equal(environment.ArithmeticEngine, back.ArithmeticEngine);
        Assert.Equal("5", back.Knobs["jitterMs"]);
    }
}
