namespace Dashboard.Engine.Running;

/// <summary>How much an <see cref="EngineLog"/> line matters; a host maps it to its own levels.</summary>
public enum EngineLogLevel
{
    /// <summary>Normal progress worth a line (which worker executable runs).</summary>
    Information,

    /// <summary>Something went wrong and was handled (a worker killed after its grace period).</summary>
    Warning,

    /// <summary>A part of the run failed (a strategy broke down).</summary>
    Error,
}
