using Dashboard.Engine.Findings;

namespace Dashboard.Web.Explain;

/// <summary>
/// One line of Explain: the sentence, the rule that wrote it and the figures it read, and its rank
/// (higher first). A line that states a finding names it, so the page links its why and what to do.
/// </summary>
/// <param name="Rule">The rule's id ("fastest", "nature", or a finding's id).</param>
/// <param name="Inputs">The figures the rule read, by name, as the sentence shows them.</param>
public sealed record ExplainItem(string Rule, string Text, double Rank, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    /// <summary>The finding this line states (<see cref="FindingIds"/>); null for a line of Explain's own rules.</summary>
    public string? Finding { get; init; }

    /// <summary>The finding's severity; null for a line of Explain's own rules.</summary>
    public FindingSeverity? Severity { get; init; }

    /// <summary>"rule: a = 1, b = 2": where the sentence came from, as the page shows it.</summary>
    public string Source => Inputs.Count == 0 ? Rule : $"{Rule}: {string.Join(", ", Inputs.Select(i => $"{i.Key} = {i.Value}"))}";

    /// <summary>Inputs from name/value pairs.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> From(params (string Name, string Value)[] inputs) =>
        [.. inputs.Select(i => KeyValuePair.Create(i.Name, i.Value))];
}
