using System.Globalization;

namespace Dashboard.Web.Storage;

/// <summary>A span's thread list in its stored form: thread ids, comma separated, cut to fit the column.</summary>
internal static class TaskThreads
{
    /// <summary>Longest stored text; a list that does not fit keeps its first entries.</summary>
    public const int MaxTextLength = 1_000;

    public static string? Format(IReadOnlyList<int>? threads)
    {
        if (threads is null || threads.Count == 0)
        {
            return null;
        }

        var text = string.Join(',', threads.Select(t => t.ToString(CultureInfo.InvariantCulture)));
        if (text.Length <= MaxTextLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(',', MaxTextLength);
        return text[..cut];
    }

    public static IReadOnlyList<int>? Parse(string? text) =>
        string.IsNullOrEmpty(text)
            ? null
            : text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
}
