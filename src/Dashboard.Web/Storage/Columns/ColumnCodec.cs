using System.Buffers.Binary;
using System.Text;

namespace Dashboard.Web.Storage.Columns;

/// <summary>
/// The primitives of the span columns: LEB128 varints, zigzag for signed deltas, seconds as
/// nanosecond integers when they lie on the clock's nanosecond grid (the monotonic clock's
/// ticks divided by 10^9, as every .NET-measured span is), raw IEEE bits otherwise.
/// </summary>
internal static class ColumnCodec
{
    // Beyond this many seconds (~285 years) nanoseconds overflow a long: such values go raw.
    private const double MaxGridSeconds = 9e9;

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>True when <paramref name="seconds"/> is exactly <paramref name="nanoseconds"/> / 10^9, bit for bit.</summary>
    public static bool OnGrid(double seconds, out long nanoseconds)
    {
        nanoseconds = 0;
        if (!double.IsFinite(seconds) || Math.Abs(seconds) > MaxGridSeconds)
        {
            return false;
        }

        nanoseconds = (long)Math.Round(seconds * 1e9);
        return BitConverter.DoubleToInt64Bits(FromGrid(nanoseconds)) == BitConverter.DoubleToInt64Bits(seconds);
    }

    public static double FromGrid(long nanoseconds) => nanoseconds / 1e9;

    public static void WriteVarint(MemoryStream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    public static void WriteDouble(MemoryStream output, double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, BitConverter.DoubleToInt64Bits(value));
        output.Write(bytes);
    }

    /// <summary>A nullable string: varint length + 1 (0 for null), then UTF-8.</summary>
    public static void WriteText(MemoryStream output, string? text)
    {
        if (text is null)
        {
            output.WriteByte(0);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        WriteVarint(output, (ulong)bytes.Length + 1);
        output.Write(bytes);
    }

    public static ulong ReadVarint(Stream input)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte(input);
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Span blob: a varint runs past 64 bits.");
    }

    public static double ReadDouble(Stream input)
    {
        Span<byte> bytes = stackalloc byte[8];
        input.ReadExactly(bytes);
        return BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes));
    }

    public static string? ReadText(Stream input)
    {
        var length = ReadVarint(input);
        if (length == 0)
        {
            return null;
        }

        var bytes = new byte[CheckedTextLength(length)];
        input.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The byte length of the next text (0 for null), its prefix read: the caller reads or skips the bytes.</summary>
    public static int TextLength(Stream input)
    {
        var length = ReadVarint(input);
        return length == 0 ? 0 : CheckedTextLength(length);
    }

    private static int CheckedTextLength(ulong stored) => stored - 1 > 1_000_000
        ? throw new InvalidDataException("Span blob: a text field is longer than any stored text can be.")
        : (int)stored - 1;

    public static byte ReadByte(Stream input)
    {
        var b = input.ReadByte();
        return b < 0 ? throw new InvalidDataException("Span blob: ends in the middle of a chunk.") : (byte)b;
    }
}
