using Dashboard.Engine.Running;

namespace Dashboard.Web.Runs.Lifecycle;

/// <summary>
/// Logs task failures as structured warnings without flooding: the first few per strategy
/// repetition one by one, then one summary line per repetition with the count and the most
/// common reasons. 10,000 failures make at most limit + 1 lines per repetition.
/// </summary>
public sealed class TaskFailureLog(ILogger logger, long runId, int limit)
{
    private readonly Dictionary<(string Strategy, int Repetition), Tally> _tallies = [];

    public void Observe(LabEvent labEvent)
    {
        switch (labEvent)
        {
            case TaskEvent { Kind: TaskEventKind.Failed } failed:
                var tally = TallyOf(failed.Strategy, failed.Repetition);
                tally.Count++;
                var reason = failed.Detail ?? "(no reason given)";
                // Reasons that embed a task index would make every one distinct; count only the first 50 kinds.
                if (tally.Reasons.Count < 50 || tally.Reasons.ContainsKey(reason))
                {
                    tally.Reasons[reason] = tally.Reasons.GetValueOrDefault(reason) + 1;
                }

                if (tally.Count <= limit)
                {
                    logger.LogWarning(
                        "Run {RunId} {Strategy} repetition {Repetition}: task {Task} failed on lane {Lane}: {Reason}",
                        runId, failed.Strategy, failed.Repetition, failed.Task, failed.Lane.ToString(), reason);
                }

                break;
            case StrategyCompleted completed:
                Flush(completed.Result.Strategy, completed.Result.Repetition);
                break;
        }
    }

    /// <summary>Writes the summary line of every repetition not yet summed up (the run ended early).</summary>
    public void FlushAll()
    {
        foreach (var key in _tallies.Keys.ToArray())
        {
            Flush(key.Strategy, key.Repetition);
        }
    }

    private void Flush(string strategy, int repetition)
    {
        if (!_tallies.Remove((strategy, repetition), out var tally) || tally.Count <= limit)
        {
            return;
        }

        var topReasons = tally.Reasons.OrderByDescending(r => r.Value).Take(3)
            .Select(r => $"{r.Value} x {r.Key}").ToArray();
        logger.LogWarning(
            "Run {RunId} {Strategy} repetition {Repetition}: {FailedTasks} tasks failed ({Suppressed} not logged one by one); most common: {TopReasons}",
            runId, strategy, repetition, tally.Count, tally.Count - limit, topReasons);
    }

    private Tally TallyOf(string strategy, int repetition)
    {
        if (!_tallies.TryGetValue((strategy, repetition), out var tally))
        {
            _tallies[(strategy, repetition)] = tally = new Tally();
        }

        return tally;
    }

    private sealed class Tally
    {
        public int Count { get; set; }

        public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
    }
}
