namespace Dashboard.Engine.Workloads;

/// <summary>Which power engines this process can use, and what "no engine chosen" means here.</summary>
public static class PowerEngines
{
    /// <summary>True when the system's GMP (libgmp.so.10) loaded in this process.</summary>
    public static bool IsGmpAvailable => GmpLibrary.Shared is not null;

    /// <summary>Why GMP is not available; null when it is.</summary>
    public static string? GmpUnavailableReason => GmpLibrary.DefaultError;

    /// <summary>The engine a run uses: the one asked for, or GMP where present, else managed.</summary>
    public static PowerEngine Resolve(PowerEngine? requested) =>
        requested ?? (IsGmpAvailable ? PowerEngine.Gmp : PowerEngine.Managed);

    /// <summary>The engine's id as used by the API and the bench flags: "managed" or "gmp".</summary>
    public static string Id(PowerEngine engine) => engine switch
    {
        PowerEngine.Managed => "managed",
        PowerEngine.Gmp => "gmp",
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown power engine."),
    };

    /// <summary>
    /// The arithmetic for <paramref name="requested"/>, or the problem keyed "engine" when GMP was
    /// asked for and <paramref name="gmp"/> is missing (<paramref name="gmpError"/> says why).
    /// </summary>
    internal static IPowerArithmetic? TryCreate(PowerEngine? requested, GmpLibrary? gmp, string? gmpError, out string? error)
    {
        error = null;
        var engine = requested ?? (gmp is not null ? PowerEngine.Gmp : PowerEngine.Managed);
        if (engine == PowerEngine.Managed)
        {
            return ManagedPowerArithmetic.Instance;
        }

        if (gmp is null)
        {
            error = $"engine 'gmp' is not available here: {gmpError ?? "GMP could not be loaded"}. Pick engine 'managed' or leave the engine empty.";
            return null;
        }

        return new GmpPowerArithmetic(gmp);
    }
}
