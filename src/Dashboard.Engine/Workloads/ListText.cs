namespace Dashboard.Engine.Workloads;

/// <summary>Lists in a sentence, as messages and pages write them.</summary>
public static class ListText
{
    /// <summary>"a, b and c" (or "a, b or c" with <paramref name="conjunction"/> "or"); "a" alone; "" for none.</summary>
    public static string Join(IReadOnlyList<string> items, string conjunction)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}";
    }
}
