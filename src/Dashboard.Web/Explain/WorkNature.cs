namespace Dashboard.Web.Explain;

/// <summary>What a run's figures say its work was (not what the workload is declared to be).</summary>
internal enum WorkNature
{
    Io,
    Cpu,
    Mixed,
}
