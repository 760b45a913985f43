using Dashboard.Engine.Statistics;

namespace Dashboard.Web.Components.Shared;

/// <summary>One part of a time split as the page shows it: its label, what it means, its colour class and its seconds.</summary>
/// <param name="Always">Shown in the text even at zero (cpu, ready, wait); start-up and transfer only when present.</param>
public sealed record TimeSplitPart(string Label, string Meaning, string Css, Func<TimeSplit, double> Of, bool Always);
