namespace Dashboard.Engine.Workers;

/// <summary>The worker's first message, sent as soon as it runs: measures process start cost.</summary>
/// <param name="Timestamp">A <see cref="Running.MonotonicClock"/> reading taken in the worker.</param>
public sealed record WorkerReady(int ProcessId, long Timestamp) : WorkerMessage;
