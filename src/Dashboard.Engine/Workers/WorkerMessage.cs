using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workers;

/// <summary>
/// What a worker process writes on stdout, one JSON object per line, discriminated by "type".
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(WorkerReady), "ready")]
[JsonDerivedType(typeof(WorkerTaskMessage), "task")]
[JsonDerivedType(typeof(WorkerDone), "done")]
[JsonDerivedType(typeof(WorkerError), "error")]
[JsonDerivedType(typeof(WorkerCounters), "counters")]
[JsonDerivedType(typeof(WorkerRuntimeEvents), "runtime")]
public abstract record WorkerMessage;
