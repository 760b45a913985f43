namespace Dashboard.Engine.Workloads;

/// <summary>Computes i^i and describes the result without ever formatting it as decimal.</summary>
internal interface IPowerArithmetic
{
    PowerEngine Engine { get; }

    /// <summary>i^i's bit length and SHA-256 of its little-endian unsigned magnitude bytes.</summary>
    PowerResult Compute(int i, CancellationToken cancellationToken);
}
