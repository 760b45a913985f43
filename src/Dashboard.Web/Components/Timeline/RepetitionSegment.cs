namespace Dashboard.Web.Components.Timeline;

/// <summary>A warm-up or repetition of one strategy on the race: see <see cref="RepetitionSegments"/>.</summary>
/// <param name="Repetition">The engine's index: warm-ups negative (-1 first), repetitions from 0.</param>
/// <param name="Label">The visible label: "warm-up", "warm-up 2", "#1", "#2 · 1.73 s" once ended.</param>
/// <param name="Title">The whole sentence for the tooltip and screen readers.</param>
/// <param name="DonePercent">Tasks done (ok or failed) of the repetition's tasks.</param>
/// <param name="OkPercent">Tasks done ok of the repetition's tasks.</param>
/// <param name="State">done, cancelled, running or waiting.</param>
/// <param name="Current">The one running now.</param>
public sealed record RepetitionSegment(int Repetition, string Label, string Title, double DonePercent, double OkPercent, string State, bool Current);
