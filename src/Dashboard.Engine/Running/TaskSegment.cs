namespace Dashboard.Engine.Running;

/// <summary>
/// One stretch of a task on one thread: from the moment its code began running there (its start,
/// or a continuation resuming) to the moment it left (an await suspended it, or it ended).
/// <see cref="Start"/> and <see cref="End"/> are seconds since the strategy repetition started,
/// like a <see cref="TaskSpan"/>'s.
/// </summary>
public readonly record struct TaskSegment(int Thread, double Start, double End);
