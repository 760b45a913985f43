using System.Globalization;
using Dashboard.Web.Storage.Columns;

namespace Dashboard.Web.Storage;

/// <summary>
/// Reads one <see cref="TaskWindow"/> of a run: a finished repetition's blob is decompressed chunk
/// by chunk (<see cref="RunHistory.FindForExportAsync"/>) and only the window's rows become span
/// objects (<see cref="StoredSpanList.Select"/> reads each row's task and start first), so a window
/// of a million-task run builds at most <see cref="TaskWindow.MaxTasks"/> spans whatever the run's size. The live page's
/// drill-down and GET /api/runs/{id}/tasks both read here.
/// </summary>
public sealed class TaskWindowReader(RunHistory history)
{
    /// <summary>The window's tasks; null when the run is unknown; <see cref="TaskWindowOutcome.Errors"/> for a window the run cannot answer.</summary>
    public async Task<TaskWindowOutcome?> ReadAsync(long runId, TaskWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Problems() is { Count: > 0 } problems)
        {
            return new TaskWindowOutcome(null, problems);
        }

        var view = await history.FindForExportAsync(runId, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return null;
        }

        var ofStrategy = view.Run.Results.Where(r => string.Equals(r.Strategy, window.Strategy, StringComparison.Ordinal)).ToArray();
        if (ofStrategy.Length == 0)
        {
            var known = string.Join(", ", view.Run.Results.Select(r => r.Strategy).Distinct(StringComparer.Ordinal));
            return Problem("strategy", $"Run {runId} has no finished repetition of '{Echo(window.Strategy)}' (finished: {(known.Length == 0 ? "none yet" : known)}).");
        }

        var result = window.Repetition is { } repetition
            ? ofStrategy.FirstOrDefault(r => r.Repetition == repetition)
            : ofStrategy[^1];
        if (result is null)
        {
            return Problem("repetition", $"'{Echo(window.Strategy)}' has no repetition {window.Repetition} in run {runId} (it has {string.Join(", ", ofStrategy.Select(r => r.Repetition))}).");
        }

        var spans = new List<Engine.Running.TaskSpan>();
        var matched = 0;
        var searched = 0;
        bool InWindow(int _, int task, double start)
        {
            if (++searched % 65_536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Past the cap only the count goes on (for the message): no more spans are built.
            return window.Contains(task, start) && ++matched <= TaskWindow.MaxTasks;
        }

        var found = result.Spans is StoredSpanList stored
            ? stored.Select(InWindow).Select(s => s.Span)
            : result.Spans.Where(s => InWindow(0, s.Task, s.Start));
        spans.AddRange(found);

        if (matched > TaskWindow.MaxTasks)
        {
            return Problem("to", string.Create(CultureInfo.InvariantCulture,
                $"{matched:N0} tasks started in that window; a window shows at most {TaskWindow.MaxTasks:N0}: narrow it."));
        }

        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Task.CompareTo(b.Task));
        var taskCount = result.TasksOk + result.TasksFailed;
        var sampled = view.EventsSampled || searched < taskCount;
        return new TaskWindowOutcome(
            new TaskWindowResult(runId, result.Strategy, result.Repetition, taskCount, searched, sampled, result, spans), null);
    }

    private static TaskWindowOutcome Problem(string field, string message) =>
        new(null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static string Echo(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
