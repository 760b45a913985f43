using System.Buffers;
using System.Numerics;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// i^i with System.Numerics.BigInteger by left-to-right square-and-multiply, checking for
/// cancellation between steps. Not BigInteger.Pow: it cannot be cancelled, and on these sizes it
/// is slower than this loop. Cancellation latency is one step, and the last squaring of a
/// 10-million-bit number is about two thirds of the task; a step stays the unit because checking
/// inside a squaring means splitting it into smaller products, which cost more than they save.
/// </summary>
internal sealed class ManagedPowerArithmetic : IPowerArithmetic
{
    public static ManagedPowerArithmetic Instance { get; } = new();

    public PowerEngine Engine => PowerEngine.Managed;

    public PowerResult Compute(int i, CancellationToken cancellationToken)
    {
        var value = Pow(i, cancellationToken);
        var bits = (long)value.GetBitLength();
        var length = value.GetByteCount(isUnsigned: true);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!value.TryWriteBytes(buffer, out var written, isUnsigned: true, isBigEndian: false) || written != length)
            {
                throw new InvalidOperationException("BigInteger did not write its magnitude.");
            }

            return PowerResult.FromMagnitude(bits, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>i^i, square-and-multiply from the top bit of the exponent down.</summary>
    internal static BigInteger Pow(int i, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(i, 1);
        var baseValue = new BigInteger(i);
        var result = baseValue;
        for (var bit = BitOperations.Log2((uint)i) - 1; bit >= 0; bit--)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // result * result (same instance) takes BigInteger's squaring path.
            result *= result;
            if (((i >> bit) & 1) != 0)
            {
                result *= baseValue;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }
}
