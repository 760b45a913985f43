using System.Globalization;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Compare;

/// <summary>The run ids of <c>/compare?ids=1,2</c>: 2 to 4 distinct positive ids, in the order given (the first is the baseline).</summary>
/// <param name="Error">Why the text is not a valid selection; null when <paramref name="Ids"/> is usable.</param>
public sealed record CompareIds(IReadOnlyList<long> Ids, string? Error)
{
    public const int MinRuns = 2;
    public const int MaxRuns = 4;

    /// <summary>Longest ids text read (4 ids of 19 digits with commas fit easily).</summary>
    public const int MaxTextLength = 200;

    public bool IsValid => Error is null;

    public static CompareIds Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new CompareIds([], $"Pick {MinRuns} to {MaxRuns} runs to compare.");
        }

        if (text.Length > MaxTextLength)
        {
            return new CompareIds([], $"The ids list is too long: at most {MaxRuns} run ids, e.g. ?ids=3,7.");
        }

        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return new CompareIds([], $"'{ValueEcho.Short(part)}' is not a run id: ids are positive whole numbers, e.g. ?ids=3,7.");
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids.Count switch
        {
            < MinRuns => new CompareIds(ids, $"Only {ids.Count} distinct run given: compare needs {MinRuns} to {MaxRuns} runs."),
            > MaxRuns => new CompareIds(ids, $"{ids.Count} runs given: compare shows at most {MaxRuns} runs side by side."),
            _ => new CompareIds(ids, null),
        };
    }
}
