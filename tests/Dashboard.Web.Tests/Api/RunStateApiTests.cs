using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Api;
using Dashboard.Web.Exports;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The API writes a run's state as RunLifecycle's text, the same one the pages put in data-state
/// (RunStateTextTests), for runs that ended cancelled, timed out or interrupted (by the app's stop,
/// and by an import of a run exported before it finished).
/// </summary>
public sealed class RunStateApiTests : SignedInApiTest
{
    [Fact]
    public async Task GetRunAndList_EndedRuns_StateIsRunLifecyclesTextWithTheOneMessagePerCause()
    {
        var store = Factory.Services.GetRequiredService<IRunStore>();
        var stopped = RunLifecycle.End(TestRuns.Pending(3, RunState.Running), RunOutcome.AppStopped, TestRuns.Created);
        await store.SaveAsync(TestRuns.Finished(1, state: RunState.Cancelled), null, false, TestContext.Timeout);
        await store.SaveAsync(TestRuns.Finished(2, state: RunState.TimedOut), null, false, TestContext.Timeout);
        await store.SaveAsync(stopped, null, false, TestContext.Timeout);
        Factory.Services.GetRequiredService<RunQueue>().EnsureIdsAbove(3);
        var running = RunDocument.Create(TestRuns.Pending(99, RunState.Running), null, TestRuns.Created);
        var imported = await Factory.Services.GetRequiredService<RunHistory>().ImportAsync(running, TestContext.Timeout);
        Assert.Equal(4, imported.Id);

        var expected = new Dictionary<long, (string State, string? Error)>
        {
            [1] = ("cancelled", null),
            [2] = ("timedOut", null),
            [3] = ("interrupted", RunLifecycle.AppStoppedMessage),
            [4] = ("interrupted", RunLifecycle.ExportedUnfinishedMessage),
        };
        foreach (var (id, (state, error)) in expected)
        {
            var run = await Client.GetFromJsonAsync<JsonElement>(RunsApi.RunPath(id), TestContext.Timeout);
            Assert.Equal(state, run.GetProperty("state").GetString());
            Assert.Equal(error, run.GetProperty("error").GetString());
        }

        var list = await Client.GetFromJsonAsync<JsonElement>(RunsApi.BasePath, TestContext.Timeout);
        var listed = list.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt64(), r => r.GetProperty("state").GetString());
        Assert.Equal(expected.ToDictionary(e => e.Key, e => (string?)e.Value.State), listed);
    }
}
