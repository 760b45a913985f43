namespace Dashboard.Cluster.Grains;

/// <summary>
/// What a task grain needs: the repetition's job (the worker protocol's JSON, so nodes and worker
/// processes read one format) and the task index. Nodes keep one workload per <see cref="JobId"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TaskCall([property: Id(0)] Guid JobId, [property: Id(1)] string JobJson, [property: Id(2)] int Task);
