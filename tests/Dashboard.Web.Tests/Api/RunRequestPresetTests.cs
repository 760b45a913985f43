using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Api;

namespace Dashboard.Web.Tests.Api;

/// <summary>A preset asked for through the API is fitted to the runtime asked for, as the bench verb and the Run page fit it.</summary>
public sealed class RunRequestPresetTests
{
    private static ParsedRunRequest Parse(object body) => RunRequestParser.Parse(JsonSerializer.SerializeToElement(body));

    [Theory]
    [InlineData("dotnet", LabRuntime.Dotnet)]
    [InlineData("python", LabRuntime.Python)]
    [InlineData("both", LabRuntime.Both)]
    public void PowerQuick_FollowsTheRuntime(string runtime, LabRuntime expected)
    {
        var parsed = Parse(new { workload = "power", preset = "quick", runtime });

        Assert.Empty(parsed.Errors);
        Assert.Equal(PowerQuickSize.For(PresetMachine.Default with { Runtime = expected }), parsed.Plan!.Parameters);
    }

    [Fact]
    public void PowerQuick_Both_UsesOneEngineForBothRuntimes()
    {
        // Seen in a walk: runtime both with the .NET preset (GMP, i = 620,000) gave .NET 0.65 s and Python 32 s.
        var both = (PowerParameters)Parse(new { workload = "power", preset = "quick", runtime = "both" }).Plan!.Parameters;
        var python = (PowerParameters)Parse(new { workload = "power", preset = "quick", runtime = "python" }).Plan!.Parameters;

        Assert.Equal(PowerEngine.Managed, both.Engine);
        Assert.True(both.Start >= python.Start, $"both {both.Start}, python {python.Start}");
    }
}
