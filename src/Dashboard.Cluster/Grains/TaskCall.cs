namespace Dashboard.Cluster.Grains;

/// <summary>
/// One task of a <see cref="NodeJob"/>. <see cref="Attempt"/> counts the app's sends of this task
/// (1 = first, at most <see cref="MaxAttempts"/>); the node's notes carry it back, so a note from a
/// send the app gave up on is told apart.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskCall(
    [property: Id(0)] NodeJob Job,
    [property: Id(1)] int Task,
    [property: Id(2)] int Attempt = 1)
{
    /// <summary>Most sends of one task (a call refused on the way goes back to the queue until then).</summary>
    public const int MaxAttempts = 5;
}
