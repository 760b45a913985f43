using Bunit;
using Dashboard.Engine.Running;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Tests.Runs;

namespace Dashboard.Web.Tests.Components;

/// <summary>The Run page's outputs choice: disk (default) or memory, for the workloads that write files.</summary>
public sealed class HomeOutputTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();
    private readonly TmpfsFolder _shm = new();

    public Task InitializeAsync()
    {
        _ctx.MemoryOutputs.Directory = _shm.Path;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _shm.Dispose();
    }

    [Fact]
    public void Genre_DiskByDefault_ChoosingMemory_EnqueuesAMemoryRun()
    {
        var cut = _ctx.Render<Home>();

        Assert.Equal("true", cut.Find("button[data-test=output-disk]").GetAttribute("data-selected"));
        Assert.Contains("under the data folder, on ", cut.Find("[data-test=output-note]").TextContent, StringComparison.Ordinal);
        cut.Find("button[data-test=output-memory]").Click();

        Assert.Equal("true", cut.Find("button[data-test=output-memory]").GetAttribute("data-selected"));
        Assert.Contains("a tmpfs folder in RAM, up to 256 MB", cut.Find("[data-test=output-note]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-test=output-problem]"));
        Assert.Equal(LabOutput.Memory, RunButton.ClickAndWaitForPlan(cut, _ctx.Queue).Output);
    }

    [Fact]
    public void Power_WritesNoFiles_NoChoice_RunsOnDisk()
    {
        var cut = _ctx.Render<Home>();
        cut.Find("button[data-test=output-memory]").Click();

        cut.Find("[data-test=workload-power]").Click();

        // The power click's own render first (under load it lands after the next line would run).
        cut.WaitForElement("[data-test=workload-power][data-selected=true]", TimeSpan.FromSeconds(30));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-test=output]")), TimeSpan.FromSeconds(30));
        Assert.Equal(LabOutput.Disk, RunButton.ClickAndWaitForPlan(cut, _ctx.Queue).Output);
    }

    [Fact]
    public void NoTmpfs_MemoryDisabled_AndTheProblemShown()
    {
        _ctx.MemoryOutputs.Directory = Path.GetTempPath();
        var cut = _ctx.Render<Home>();

        Assert.True(cut.Find("button[data-test=output-memory]").HasAttribute("disabled"));
        Assert.Contains("Memory outputs need a tmpfs folder", cut.Find("[data-test=output-problem]").TextContent, StringComparison.Ordinal);
    }
}
