namespace Dashboard.Engine.Workloads;

/// <summary>Which big-integer arithmetic computes i^i.</summary>
public enum PowerEngine
{
    /// <summary>System.Numerics.BigInteger.</summary>
    Managed,

    /// <summary>The system's GNU MP (libgmp.so.10) through P/Invoke.</summary>
    Gmp,
}
