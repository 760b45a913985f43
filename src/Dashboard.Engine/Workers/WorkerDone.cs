namespace Dashboard.Engine.Workers;

/// <summary>The worker ran its whole share; its own CPU time and peak working set.</summary>
public sealed record WorkerDone(double CpuSeconds, long PeakMemoryBytes) : WorkerMessage;
