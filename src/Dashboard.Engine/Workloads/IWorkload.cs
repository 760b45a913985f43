namespace Dashboard.Engine.Workloads;

/// <summary>
/// What one task does, in a blocking form and an async form of the same work (same inputs,
/// same outputs), and how to check the outputs of a whole repetition.
/// Instances are created per run (and per worker process) by WorkloadFactory
/// and are safe to call from many threads at once.
/// </summary>
public interface IWorkload : IDisposable
{
    WorkloadParameters Parameters { get; }

    /// <summary>What its tasks mostly spend their time on: its descriptor's, declared there once.</summary>
    WorkloadKind Kind => WorkloadCatalog.Of(Parameters).Kind;

    /// <summary>Whether its async form is one wait with nothing after it: its descriptor's, declared there once.</summary>
    bool AsyncIsOneWait => WorkloadCatalog.Of(Parameters).AsyncIsOneWait;

    /// <summary>
    /// Readies the output folder for one repetition (creates it, removes the previous
    /// repetition's files). Called once per repetition in the parent process, before any task.
    /// </summary>
    void Prepare();

    /// <summary>The blocking form: runs task <paramref name="context"/>.Task and returns a short output summary.</summary>
    string Run(TaskContext context);

    /// <summary>The async form of the same work.</summary>
    ValueTask<string> RunAsync(TaskContext context);

    /// <summary>
    /// Checks a repetition's outputs (task index -> output summary of every task that succeeded)
    /// and its files. Returns "ok" or a sentence saying what is wrong.
    /// </summary>
    string Check(IReadOnlyDictionary<int, string> outputs);
}
