using Dashboard.Web.Simulation;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public async Task StartAsync_OutOfRangeConfiguredDefault_FailsNamingKnob()
    {
        var configuration = new Dictionary<string, string?> { ["Simulation:PageSizeKb"] = "0" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => SimulatedTargetsServer.StartAsync(configuration, CancellationToken.None));

        Assert.Contains("pageSizeKb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ConfiguredDefaults_AreTheLiveKnobs()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Simulation:GenreLatencyMs"] = "7",
            ["Simulation:FailureRate"] = "0.25",
        };

        await using var server = await SimulatedTargetsServer.StartAsync(configuration, CancellationToken.None);

        Assert.Equal(7, server.Knobs.Current.GenreLatencyMs);
        Assert.Equal(0.25, server.Knobs.Current.FailureRate);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/sim/$", server.BaseUrl);
    }

    [Fact]
    public void Validate_NaNFailureRate_NamesFailureRate()
    {
        var errors = new SimulationOptions { FailureRate = double.NaN }.Validate();

        Assert.Equal(["failureRate"], errors.Keys);
    }
}
