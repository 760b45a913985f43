using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Runs;

public static class RunTestHelpers
{
    /// <summary>Bounds a hang, not a timing claim: runs and watchers under a loaded CI (load 90) took over a minute.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static RunPlan HelloPlan(int tasks = 20, int delayMs = 10, params string[] strategies) =>
        new(new HelloParameters(tasks, "Robert Paulson", delayMs), strategies.Length == 0 ? ["sequential"] : strategies);

    /// <summary>
    /// Waits until the end's observers (storage among them) have had a run that ended: its watchers
    /// hear the end first (<see cref="LiveRun.Saving"/>).
    /// </summary>
    public static Task SavedAsync(IServiceProvider services, long id, CancellationToken cancellationToken) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RunQueue>(services).Get(id)!.Saving.WaitAsync(cancellationToken);

    /// <summary>Reads a whole watch stream into a list (until the run's final batch).</summary>
    public static async Task<List<RunFeedMessage>> CollectAsync(IAsyncEnumerable<RunFeedMessage> feed, CancellationToken cancellationToken)
    {
        var messages = new List<RunFeedMessage>();
        await foreach (var message in feed.WithCancellation(cancellationToken))
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>The snapshot's events followed by every batch's events.</summary>
    public static List<WireEvent> Flatten(IEnumerable<RunFeedMessage> messages) =>
        messages.SelectMany(m => m switch
        {
            RunFeedSnapshot s => s.Events,
            RunFeedBatch b => b.Events,
            _ => [],
        }).ToList();

    /// <summary>Polls the queue until the run is in <paramref name="state"/> (state changes have no event to await here).</summary>
    public static async Task<RunSummary> WaitForStateAsync(IRunQueue queue, long id, CancellationToken cancellationToken, params RunState[] states)
    {
        while (true)
        {
            var run = queue.Find(id) ?? throw new InvalidOperationException($"Run {id} vanished.");
            if (states.Contains(run.State))
            {
                return run;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public static void AssertSeqIsGapless(IReadOnlyList<WireEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, events[i].Seq);
        }
    }
}
