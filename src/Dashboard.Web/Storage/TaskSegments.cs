using System.Globalization;
using Dashboard.Engine.Running;

namespace Dashboard.Web.Storage;

/// <summary>
/// A span's segments in their stored form: "thread:start:end" per segment (seconds to the
/// microsecond), ";" between them, cut after the last whole segment that fits the column.
/// </summary>
internal static class TaskSegments
{
    /// <summary>Longest stored text: 64 segments of up to ~30 characters.</summary>
    public const int MaxTextLength = 2_000;

    public static string? Format(IReadOnlyList<TaskSegment>? segments)
    {
        if (segments is null || segments.Count == 0)
        {
            return null;
        }

        var text = string.Join(';', segments.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Thread}:{Math.Round(s.Start, 6)}:{Math.Round(s.End, 6)}")));
        if (text.Length <= MaxTextLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(';', MaxTextLength);
        return cut <= 0 ? null : text[..cut];
    }

    public static IReadOnlyList<TaskSegment>? Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? null
            : text.Split(';').Select(part =>
            {
                var fields = part.Split(':');
                return new TaskSegment(
                    int.Parse(fields[0], CultureInfo.InvariantCulture),
                    double.Parse(fields[1], CultureInfo.InvariantCulture),
                    double.Parse(fields[2], CultureInfo.InvariantCulture));
            }).ToArray();
}
