using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Components;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Storage;

/// <summary>Labels through <see cref="RunHistory"/> on a real SQLite store.</summary>
public sealed class RunHistoryLabelTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly FakeRunQueue _queue = new();
    private StorageHost _host = default!;
    private RunHistory _history = default!;

    public async Task InitializeAsync()
    {
        _host = await StorageHost.StartAsync(_folder.Path);
        var ids = new RunQueue(Options.Create(new RunServiceOptions()), Runs.TestBudgets.Create(), TimeProvider.System, NullLogger<RunQueue>.Instance);
        _history = new RunHistory(_queue, ids, _host.Store, TimeProvider.System, NullLogger<RunHistory>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task SetLabelAsync_FinishedStoredRun_StoresTrimmedTextAndBlankClearsIt()
    {
        await _host.Store.SaveAsync(TestRuns.Finished(1), null, false, TestContext.Timeout);

        Assert.Equal(LabelOutcome.Saved, await _history.SetLabelAsync(1, "  quiet machine ", TestContext.Timeout));
        Assert.Equal("quiet machine", (await _host.Store.GetAsync(1, TestContext.Timeout))!.Run.Label);
        Assert.Equal("quiet machine", (await _history.ListAsync(RunFilter.All, 0, 10, TestContext.Timeout)).Items.Single().Label);

        Assert.Equal(LabelOutcome.Saved, await _history.SetLabelAsync(1, " ", TestContext.Timeout));
        Assert.Null((await _host.Store.GetAsync(1, TestContext.Timeout))!.Run.Label);
    }

    [Fact]
    public async Task SetLabelAsync_RunStillRunning_IsRefusedAndNothingIsStored()
    {
        await _host.Store.SaveAsync(TestRuns.Pending(2, RunState.Running), null, false, TestContext.Timeout);
        _queue.Add(TestRuns.Pending(2, RunState.Running));

        Assert.Equal(LabelOutcome.Active, await _history.SetLabelAsync(2, "later", TestContext.Timeout));
        Assert.Null((await _host.Store.GetAsync(2, TestContext.Timeout))!.Run.Label);
    }

    [Fact]
    public async Task SetLabelAsync_UnknownOrTooLong_SaysSo()
    {
        await _host.Store.SaveAsync(TestRuns.Finished(3), null, false, TestContext.Timeout);

        Assert.Equal(LabelOutcome.NotFound, await _history.SetLabelAsync(99, "x", TestContext.Timeout));
        Assert.Equal(LabelOutcome.Invalid, await _history.SetLabelAsync(3, new string('x', RunLabel.MaxLength + 1), TestContext.Timeout));
        Assert.Null((await _host.Store.GetAsync(3, TestContext.Timeout))!.Run.Label);
    }
}
