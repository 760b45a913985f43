using System.Text.Json.Serialization;

namespace Dashboard.Engine.Findings;

/// <summary>
/// One named conclusion about one strategy of one run, with the figures that fired it: what the
/// bench JSON and the API list as <c>warnings[]</c>, the live page shows as it fires, and Explain
/// ranks. <see cref="FindingCatalog"/> lists the finders that make them.
/// </summary>
/// <param name="Id">The rule's id ("tasks-too-short", <see cref="FindingIds"/>); its reference paragraph is <see cref="FindingCatalog.Rule"/>.</param>
/// <param name="Strategy">The strategy id ("threads"; a Python twin's too, with <paramref name="Runtime"/> "python").</param>
/// <param name="Runtime">"dotnet" or "python" (<see cref="Strategies.PythonTwins.RuntimeOf"/>).</param>
/// <param name="Figures">The inputs that fired it, by name with their unit ("taskSeconds": 0.007), in the order the text uses them.</param>
/// <param name="Text">One or two sentences that state the conclusion with those figures.</param>
public sealed record Finding(
    string Id,
    FindingSeverity Severity,
    string Strategy,
    string Runtime,
    IReadOnlyDictionary<string, double> Figures,
    string Text)
{
    /// <summary>The result key the finding is about ("python-threads" for a twin), as statistics and pages key strategies.</summary>
    [JsonIgnore]
    public string Key => Runtime == Strategies.PythonTwins.PythonRuntime ? Strategies.PythonTwins.Key(Strategy) : Strategy;

    /// <summary>How much of the strategy's time or work the finding accounts for, 0 to 1: Explain ranks by it within a severity.</summary>
    [JsonIgnore]
    public double Weight { get; init; }
}
