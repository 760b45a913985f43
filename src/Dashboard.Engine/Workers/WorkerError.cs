namespace Dashboard.Engine.Workers;

/// <summary>A fatal problem (bad job, workload could not be created); the worker exits after it.</summary>
public sealed record WorkerError(string Message) : WorkerMessage;
