namespace Dashboard.Engine.Workloads;

/// <summary>Shared wording of output checks: "ok" or the first few problems in one sentence.</summary>
internal static class WorkloadChecks
{
    public const string Ok = "ok";

    private const int MaxListed = 5;

    /// <summary>Refuses a task index outside 0..count-1 (a strategy bug, not a workload failure).</summary>
    public static int EnsureTask(TaskContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Task < 0 || context.Task >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.Task, $"Task index must be in 0..{count - 1}.");
        }

        return context.Task;
    }

    public static string Summarise(IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return Ok;
        }

        var listed = string.Join("; ", problems.Take(MaxListed));
        return problems.Count <= MaxListed
            ? listed + "."
            : $"{listed}; and {problems.Count - MaxListed} more problems.";
    }

    /// <summary>"ok" when every task in 0..tasks-1 output exactly <paramref name="expected"/>; else each task that did not.</summary>
    public static string AllSay(IReadOnlyDictionary<int, string> outputs, int tasks, string expected)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        // Only the problems are put in task order: a million outputs that all agree are read once, never sorted.
        var problems = new List<(int Task, string Problem)>();
        foreach (var (task, output) in outputs)
        {
            if (task < 0 || task >= tasks)
            {
                problems.Add((task, $"task {task} is outside 0..{tasks - 1}"));
            }
            else if (!string.Equals(output, expected, StringComparison.Ordinal))
            {
                problems.Add((task, $"task {task} said \"{output}\" instead of \"{expected}\""));
            }
        }

        return Summarise([.. problems.OrderBy(p => p.Task).Select(p => p.Problem)]);
    }
}
