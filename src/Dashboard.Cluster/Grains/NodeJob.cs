namespace Dashboard.Cluster.Grains;

/// <summary>
/// What every task of one repetition on the cluster shares: ids and typed parameters, never an
/// address or a path. A node checks each field and builds the workload's environment itself: the
/// targets from its own configuration (<see cref="Targets"/> only says which kind), the output folder
/// under its own root, derived from <see cref="RunId"/> and <see cref="Repetition"/>.
/// </summary>
/// <param name="JobId">The app's fresh id for this repetition's sends; a node keeps one workload per job.</param>
/// <param name="RunId">The run in the app's store (positive).</param>
/// <param name="Repetition">The repetition (negative for warm-ups).</param>
/// <param name="Parameters">The workload's parameters as the worker protocol writes them (a record with a "workload" discriminator); the node reads them strictly and validates them.</param>
/// <param name="Targets">Which of the node's configured targets the workload calls.</param>
/// <param name="RequestTimeoutMs">One HTTP request's limit (genre, scrape).</param>
/// <param name="TargetCapability">The run's capability for the simulated targets (sent as a header, never in a URL); null where the targets are open.</param>
/// <param name="BackgroundPriority">Lower the task threads' priority (nice 10).</param>
/// <param name="BlockInTurn">The blocking-grain lesson: the grain runs the workload's blocking form inside its turn instead of leaving the grain's scheduler and awaiting.</param>
[GenerateSerializer, Immutable]
public sealed record NodeJob(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] long RunId,
    [property: Id(2)] int Repetition,
    [property: Id(3)] string Parameters,
    [property: Id(4)] NodeTargetKind Targets,
    [property: Id(5)] int RequestTimeoutMs,
    [property: Id(6)] string? TargetCapability,
    [property: Id(7)] bool BackgroundPriority,
    [property: Id(8)] bool BlockInTurn = false);
