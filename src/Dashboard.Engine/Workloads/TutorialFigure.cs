namespace Dashboard.Engine.Workloads;

/// <summary>
/// One timing the tutorial reported (8-core laptop, real internet), mapped to our strategy id.
/// <paramref name="TutorialLabel"/> is what the tutorial called it.
/// </summary>
public sealed record TutorialFigure(string Strategy, string TutorialLabel, double Seconds);
