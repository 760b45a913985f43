namespace Dashboard.Engine.Workloads;

/// <summary>
/// i^i with GNU MP. One call cannot be interrupted, but it is short (~0.05 s at i = 1,000,000),
/// so checking for cancellation before and after is prompt enough.
/// </summary>
internal sealed class GmpPowerArithmetic(GmpLibrary library) : IPowerArithmetic
{
    public PowerEngine Engine => PowerEngine.Gmp;

    public PowerResult Compute(int i, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = library.PowSelf(i);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }
}
