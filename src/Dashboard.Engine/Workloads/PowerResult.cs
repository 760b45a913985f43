using System.Globalization;
using System.Security.Cryptography;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// What one power task reports: the exact bit length of i^i and the first 16 hex digits of
/// SHA-256 over its little-endian unsigned magnitude bytes. Both engines produce the same
/// bytes, so the same summary: that is how the check proves they agree.
/// </summary>
internal readonly record struct PowerResult(long Bits, string Sha256Prefix)
{
    public const int HexDigits = 16;

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"bits={Bits};sha256={Sha256Prefix}");

    public static PowerResult FromMagnitude(long bits, ReadOnlySpan<byte> littleEndianMagnitude)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(littleEndianMagnitude, hash);
        return new PowerResult(bits, Convert.ToHexStringLower(hash[..(HexDigits / 2)]));
    }

    /// <summary>Parses "bits=N;sha256=X"; false for anything else.</summary>
    public static bool TryParse(string summary, out PowerResult result)
    {
        result = default;
        var parts = summary.Split(';');
        if (parts.Length != 2
            || !parts[0].StartsWith("bits=", StringComparison.Ordinal)
            || !parts[1].StartsWith("sha256=", StringComparison.Ordinal)
            || !long.TryParse(parts[0].AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        var hex = parts[1][7..];
        if (hex.Length != HexDigits || !hex.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        result = new PowerResult(bits, hex);
        return true;
    }

    /// <summary>
    /// The exact bit length of i^i: floor(i * log2 i) + 1. Doubles are exact enough here: for every
    /// i in [2, 5,000,256] (all that the power workload allows) that is not a power of two,
    /// i * log2 i is at least 2.7e-8 away from an integer, far above the double's error (~1e-9);
    /// the 14 closest cases were verified against 60-digit decimal logarithms. Powers of two are
    /// computed exactly.
    /// </summary>
    public static long ExpectedBits(int i)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(i, 1);
        if (int.IsPow2(i))
        {
            return ((long)i * int.Log2(i)) + 1;
        }

        return (long)Math.Floor(i * Math.Log2(i)) + 1;
    }
}
