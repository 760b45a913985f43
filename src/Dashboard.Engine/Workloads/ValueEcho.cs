using System.Text;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// How a message quotes a value someone sent: a short prefix, never the whole thing. A 2 MB
/// string in a request must not come back 2 MB long in the 400 (nor fill a log line), and a
/// control character must not forge a line break in a log or a terminal.
/// </summary>
public static class ValueEcho
{
    /// <summary>Characters of a bad value a message repeats before "…".</summary>
    public const int MaxEchoLength = 40;

    /// <summary>
    /// <paramref name="value"/> cut to <paramref name="max"/> characters plus "…" when longer
    /// (never splitting a surrogate pair), control characters shown as U+FFFD.
    /// </summary>
    public static string Short(string? value, int max = MaxEchoLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (value is null)
        {
            return "null";
        }

        var cut = value.Length > max;
        var length = cut ? max : value.Length;
        if (cut && char.IsHighSurrogate(value[length - 1]))
        {
            length--;
        }

        var builder = new StringBuilder(length + 1);
        foreach (var c in value.AsSpan(0, length))
        {
            builder.Append(char.IsControl(c) ? '\uFFFD' : c);
        }

        if (cut)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
