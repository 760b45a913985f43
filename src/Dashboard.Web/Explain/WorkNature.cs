namespace Dashboard.Web.Explain;

/// <summary>What a run's figures say its work was (not what the workload is declared to be).</summary>
internal enum WorkNature
{
    Io,
    Cpu,
    Mixed,

    /// <summary>Start-up took most of the reference strategy's time: too little of it was work to tell.</summary>
    Unknown,
}
