using System.Globalization;
using System.Text.Json.Serialization;

namespace Dashboard.Engine.Running;

/// <summary>Where a task ran: an OS process id and a managed thread id, written "pid:tid".</summary>
[JsonConverter(typeof(LaneJsonConverter))]
public readonly record struct Lane(int ProcessId, int ThreadId)
{
    /// <summary>The lane of the calling thread.</summary>
    public static Lane Current => new(Environment.ProcessId, Environment.CurrentManagedThreadId);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ProcessId}:{ThreadId}");

    /// <summary>Parses "pid:tid".</summary>
    public static Lane Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new FormatException($"'{Workloads.ValueEcho.Short(text)}' is not a lane (expected pid:tid).");
        }

        return new Lane(
            int.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture),
            int.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }
}
