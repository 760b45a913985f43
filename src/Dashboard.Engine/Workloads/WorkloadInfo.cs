namespace Dashboard.Engine.Workloads;

/// <summary>What the UI card of a workload shows: title, two lines of explanation, kind, the tutorial's figures.</summary>
/// <param name="Summary">First line: what one task does.</param>
/// <param name="Lesson">Second line: what the strategies show on it.</param>
/// <param name="TutorialTasks">How many tasks the tutorial's figures are for.</param>
public sealed record WorkloadInfo(
    string Id,
    string Title,
    string Summary,
    string Lesson,
    WorkloadKind Kind,
    int TutorialTasks,
    IReadOnlyList<TutorialFigure> TutorialFigures);
