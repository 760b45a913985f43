namespace Dashboard.Engine.Workloads;

/// <summary>One value of a <see cref="ChoiceField"/>: as the API and the bench spell it, and as the Run page labels it.</summary>
public sealed record FieldChoice(string Value, string Label);
