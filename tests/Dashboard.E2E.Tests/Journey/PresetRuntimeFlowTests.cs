using System.Globalization;
using Dashboard.E2E.Tests.Infrastructure;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests.Journey;

/// <summary>
/// A preset follows the runtime picked after it: power's Quick applied in .NET, then Python, then
/// back to .NET, each time the Start field and the hint show that runtime's sizes (as the page fits
/// them: this host's arithmetic and cached CPU calibration).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PresetRuntimeFlowTests(DashboardAppFixture app)
{
    [Fact]
    public async Task PowerQuickApplied_RuntimeSwitched_StartAndHintFollowTheRuntime()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync("/");
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await page.Locator("[data-test=workload-power]").ClickAsync();
        await page.Locator("[data-test=workload-power][data-selected=true]").WaitForAsync();
        await page.Locator("[data-test=preset-quick]").ClickAsync();
        await page.Locator("[data-test=preset-preview]").WaitForAsync();
        await page.Locator("[data-test=preset-apply]").ClickAsync();

        var dotnet = Quick(LabRuntime.Dotnet);
        var python = Quick(LabRuntime.Python);
        Assert.NotEqual(dotnet, python);
        await WaitForStartAsync(page, dotnet);
        Assert.Contains("in .NET sequentially on this machine", await HintAsync(page), StringComparison.Ordinal);

        await page.Locator("[data-test=runtime-python]").ClickAsync();
        await WaitForStartAsync(page, python);
        var hint = await HintAsync(page);
        Assert.Contains("in Python sequentially on this machine", hint, StringComparison.Ordinal);
        Assert.DoesNotContain("in .NET", hint, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardAppFixture.ScreenshotDirectory, "journey-run-quick-python-1440x900-light.png") });

        await page.Locator("[data-test=runtime-dotnet]").ClickAsync();
        await WaitForStartAsync(page, dotnet);
        await page.Context.CloseAsync();
    }

    /// <summary>Quick's first i for <paramref name="runtime"/> as the Run page fits it on this host.</summary>
    private int Quick(LabRuntime runtime)
    {
        var engine = PowerEngines.Resolve(null);
        var calibration = app.Services.GetRequiredService<CpuCalibrationCache>().Cached(engine);
        return ((PowerParameters)WorkloadPresets.Get(PowerParameters.WorkloadId, WorkloadPresets.Quick, new PresetMachine(engine, runtime, calibration))).Start;
    }

    private static Task WaitForStartAsync(IPage page, int start) => page.WaitForFunctionAsync(
        "s => document.querySelector('input[data-test=field-start]').value.replace(/\\D/g, '') === s",
        start.ToString(CultureInfo.InvariantCulture));

    private static Task<string> HintAsync(IPage page) =>
        page.Locator("[data-test=preset-description] [data-test=preset-expectation]").InnerTextAsync();
}
