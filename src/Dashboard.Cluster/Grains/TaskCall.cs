namespace Dashboard.Cluster.Grains;

/// <summary>
/// What a task grain needs: the repetition's job (the worker protocol's JSON, so nodes and worker
/// processes read one format) and the task index. Nodes keep one workload per <see cref="JobId"/>.
/// <see cref="Attempt"/> counts the app's sends of this task (1 = first); the node's notes carry
/// it back, so a note from a send the app gave up on is told apart.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskCall(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] string JobJson,
    [property: Id(2)] int Task,
    [property: Id(3)] int Attempt = 1);
