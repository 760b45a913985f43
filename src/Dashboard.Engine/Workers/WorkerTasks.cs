namespace Dashboard.Engine.Workers;

/// <summary>
/// Tasks the parent hands a pulling worker (<see cref="WorkerJob.Pull"/>), one JSON line on its
/// stdin after the job. <paramref name="End"/>: no more will come; the worker finishes what it
/// has, reports done and exits.
/// </summary>
public sealed record WorkerTasks(int[] Tasks, bool End);
