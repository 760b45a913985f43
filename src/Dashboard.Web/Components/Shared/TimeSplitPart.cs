using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Components.Shared;

/// <summary>One part of a time split as the page shows it: its id (the bench JSON's key), label, what it means, colour class and seconds.</summary>
/// <param name="Always">Shown in the text even at zero (CPU, ready, waiting); start-up and transfer only when present.</param>
public sealed record TimeSplitPart(string Id, string Label, string Meaning, string Css, Func<TimeSplit, double> Of, bool Always);
