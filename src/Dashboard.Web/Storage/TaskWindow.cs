using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Storage;

/// <summary>
/// A drill-down window into one strategy repetition of a large run: the tasks that started in
/// [<paramref name="From"/>, <paramref name="To"/>) seconds of the repetition, or the tasks
/// <paramref name="First"/>..<paramref name="Last"/> by index; at most <see cref="MaxTasks"/>
/// either way. <paramref name="Repetition"/> null = the strategy's last measured repetition (the
/// one the timelines show).
/// </summary>
public sealed record TaskWindow(string Strategy, int? Repetition, double? From, double? To, int? First, int? Last)
{
    /// <summary>Tasks one window draws at most: the detailed timeline stays quick at this size.</summary>
    public const int MaxTasks = 10_000;

    /// <summary>The longest time range a window may name, in seconds (a day: longer than any run may go).</summary>
    public const double MaxSeconds = 86_400;

    /// <summary>True for a window by start time, false for one by task index.</summary>
    public bool ByTime => From is not null || To is not null;

    /// <summary>Whether <paramref name="span"/> belongs to this window.</summary>
    public bool Contains(TaskSpan span)
    {
        ArgumentNullException.ThrowIfNull(span);
        return Contains(span.Task, span.Start);
    }

    /// <summary>Whether the span of task <paramref name="task"/> that started at <paramref name="start"/> belongs to this window.</summary>
    public bool Contains(int task, double start) => ByTime
        ? start >= From!.Value && start < To!.Value
        : task >= First!.Value && task <= Last!.Value;

    /// <summary>What is wrong with the window as asked, per field (empty when it is valid).</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var errors = new ParameterErrors();
        if (string.IsNullOrWhiteSpace(Strategy) || Strategy.Length > 100)
        {
            errors.Add("strategy", "Name the strategy whose tasks to show (one of the run's strategies).");
        }

        if (Repetition is < -100 or > 10_000)
        {
            errors.Add("repetition", "repetition must be between -100 (warm-ups are negative) and 10,000.");
        }

        var byTime = From is not null || To is not null;
        var byTask = First is not null || Last is not null;
        if (byTime == byTask)
        {
            errors.Add("window", byTime
                ? "Give either a time range (from, to) or a task range (first, last), not both."
                : "Give a time range (from, to: seconds since the repetition started) or a task range (first, last: task indices).");
        }
        else if (byTime)
        {
            if (From is not { } from || To is not { } to || !double.IsFinite(from) || !double.IsFinite(to))
            {
                errors.Add("from", "A time window needs both from and to, in seconds.");
            }
            else if (from < 0 || to <= from || to - from > MaxSeconds)
            {
                errors.Add("to", string.Create(CultureInfo.InvariantCulture,
                    $"The time window must start at 0 s or later and end after it starts, at most {MaxSeconds:N0} s long (got {from} to {to})."));
            }
        }
        else if (First is not { } first || Last is not { } last)
        {
            errors.Add("first", "A task window needs both first and last (task indices, inclusive).");
        }
        else if (first < 0 || last < first || (long)last - first + 1 > MaxTasks)
        {
            errors.Add("last", string.Create(CultureInfo.InvariantCulture,
                $"The task window must name 1 to {MaxTasks:N0} tasks from index 0 on, first <= last (got {first} to {last})."));
        }

        return errors.ToDictionary();
    }
}
