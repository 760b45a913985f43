using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// The store's start-up sweep, the same on every provider: one stored run in each state, a
/// restart, and every run read back. The sweep must make of each run exactly what
/// <see cref="RunLifecycle.End"/> makes of it for <see cref="RunOutcome.AppStopped"/>, and only of
/// runs whose state may move there; the others come back untouched.
/// </summary>
internal static class StartUpSweep
{
    /// <summary>Stores one run per state (ids 1 to 7, in <see cref="RunState"/> order), restarts, and checks each.</summary>
    public static async Task SeedRestartAndCheckAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var seeded = Enum.GetValues<RunState>().Select((state, i) => Seed(i + 1, state)).ToArray();
        await using (var first = await StorageHost.StartAsync(dataDirectory, settings))
        {
            foreach (var run in seeded)
            {
                await first.Store.SaveAsync(run, null, imported: false, TestContext.Timeout);
            }
        }

        await using var second = await StorageHost.StartAsync(dataDirectory, settings);
        var swept = 0;
        foreach (var before in seeded)
        {
            var after = (await second.Store.GetAsync(before.Id, TestContext.Timeout))!.Run;
            if (RunLifecycle.SweptAtStartUp.Contains(before.State))
            {
                swept++;
                var expected = RunLifecycle.End(before, RunOutcome.AppStopped, DateTimeOffset.UnixEpoch);
                Assert.Equal((RunState.Interrupted, RunLifecycle.AppStoppedMessage), (after.State, after.Error));
                Assert.Equal((expected.State, expected.Error), (after.State, after.Error));
                Assert.NotNull(after.EndedAt);
                Assert.Equal(before.StartedAt, after.StartedAt);
            }
            else
            {
                Assert.True(RunLifecycle.IsFinal(before.State));
                Assert.Equal((before.State, before.Error, before.EndedAt), (after.State, after.Error, after.EndedAt));
            }
        }

        // Queued and running: the two states a crashed process can leave behind.
        Assert.Equal(2, swept);
    }

    /// <summary>A run in <paramref name="state"/>; final ones carry their own error, which the sweep must keep.</summary>
    private static RunSummary Seed(long id, RunState state) => RunLifecycle.IsFinal(state)
        ? TestRuns.Finished(id, state: state) with { Error = state == RunState.Completed ? null : $"own error of a {RunLifecycle.ToText(state)} run" }
        : TestRuns.Pending(id, state);
}
