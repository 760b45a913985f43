using System.Runtime.InteropServices;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The few GNU MP functions the power workload needs, bound at run time with
/// <see cref="NativeLibrary"/> so a machine without libgmp still runs (with the managed engine)
/// and says clearly why GMP is missing. Exports are the real symbol names (mpz_* are macros).
/// </summary>
internal sealed unsafe class GmpLibrary
{
    /// <summary>Debian's soname of GMP 6.</summary>
    public const string DefaultLibraryName = "libgmp.so.10";

    private static readonly Lazy<(GmpLibrary? Library, string? Error)> Default =
        new(() => TryLoad(DefaultLibraryName), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly delegate* unmanaged<Mpz*, void> _init;
    private readonly delegate* unmanaged<Mpz*, nuint, nuint, void> _uiPowUi;
    private readonly delegate* unmanaged<Mpz*, int, nuint> _sizeInBase;
    private readonly delegate* unmanaged<void*, nuint*, int, nuint, int, nuint, Mpz*, void*> _export;
    private readonly delegate* unmanaged<Mpz*, void> _clear;

    private GmpLibrary(nint handle)
    {
        _init = (delegate* unmanaged<Mpz*, void>)NativeLibrary.GetExport(handle, "__gmpz_init");
        _uiPowUi = (delegate* unmanaged<Mpz*, nuint, nuint, void>)NativeLibrary.GetExport(handle, "__gmpz_ui_pow_ui");
        _sizeInBase = (delegate* unmanaged<Mpz*, int, nuint>)NativeLibrary.GetExport(handle, "__gmpz_sizeinbase");
        _export = (delegate* unmanaged<void*, nuint*, int, nuint, int, nuint, Mpz*, void*>)NativeLibrary.GetExport(handle, "__gmpz_export");
        _clear = (delegate* unmanaged<Mpz*, void>)NativeLibrary.GetExport(handle, "__gmpz_clear");
    }

    /// <summary>The system's GMP, loaded once per process; null with <see cref="DefaultError"/> when missing.</summary>
    public static GmpLibrary? Shared => Default.Value.Library;

    /// <summary>Why the system's GMP could not be loaded; null when it was.</summary>
    public static string? DefaultError => Default.Value.Error;

    /// <summary>Loads <paramref name="libraryName"/>; the seam tests use to see the "missing" path.</summary>
    internal static (GmpLibrary? Library, string? Error) TryLoad(string libraryName)
    {
        // mpz_ui_pow_ui takes C 'unsigned long': 64 bits on 64-bit Linux and macOS, 32 on Windows.
        if (!Environment.Is64BitProcess || OperatingSystem.IsWindows())
        {
            return (null, "the GMP engine needs a 64-bit Linux or macOS process");
        }

        if (!NativeLibrary.TryLoad(libraryName, out var handle))
        {
            return (null, $"{libraryName} could not be loaded (install GMP, e.g. 'apt-get install libgmp10')");
        }

        try
        {
            return (new GmpLibrary(handle), null);
        }
        catch (EntryPointNotFoundException e)
        {
            NativeLibrary.Free(handle);
            return (null, $"{libraryName} lacks a needed function: {e.Message}");
        }
    }

    /// <summary>i^i: bit length and SHA-256 prefix of the little-endian magnitude bytes.</summary>
    public PowerResult PowSelf(int i)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(i, 1);
        Mpz value;
        _init(&value);
        try
        {
            _uiPowUi(&value, (nuint)i, (nuint)i);

            // sizeinbase is exact for base 2.
            var bits = (long)_sizeInBase(&value, 2);
            var bytes = checked((int)((bits + 7) / 8));
            if (LimbsAreLittleEndianBytes && (long)Math.Abs(value.Size) * sizeof(nuint) >= bytes)
            {
                // The limbs, least significant first, each little-endian, are already the unsigned
                // little-endian magnitude (the top limb's spare high bytes fall outside 'bytes'):
                // hash them where they lie instead of exporting a 2.5 MB copy first.
                return PowerResult.FromMagnitude(bits, new ReadOnlySpan<byte>((void*)value.Limbs, bytes));
            }

            return Exported(&value, bits, bytes);
        }
        finally
        {
            _clear(&value);
        }
    }

    /// <summary>
    /// True where a limb (mp_limb_t = C unsigned long, the pointer width on 64-bit Linux and macOS)
    /// stores its bytes least significant first, so limb memory is the magnitude's byte order.
    /// </summary>
    internal static bool LimbsAreLittleEndianBytes => BitConverter.IsLittleEndian;

    /// <summary>The same bytes through mpz_export, for machines whose limbs are not little-endian byte runs.</summary>
    internal PowerResult Exported(int i)
    {
        Mpz value;
        _init(&value);
        try
        {
            _uiPowUi(&value, (nuint)i, (nuint)i);
            var bits = (long)_sizeInBase(&value, 2);
            return Exported(&value, bits, checked((int)((bits + 7) / 8)));
        }
        finally
        {
            _clear(&value);
        }
    }

    private PowerResult Exported(Mpz* value, long bits, int bytes)
    {
        var buffer = (byte*)NativeMemory.Alloc((nuint)bytes);
        try
        {
            nuint count;

            // order -1: least significant word first; size 1: words are bytes; endian 0: native
            // (irrelevant for one-byte words); nails 0. Exactly BigInteger's unsigned little-endian bytes.
            _export(buffer, &count, -1, 1, 0, 0, value);
            if ((long)count != bytes)
            {
                throw new InvalidOperationException($"GMP exported {count} bytes, expected {bytes}.");
            }

            return PowerResult.FromMagnitude(bits, new ReadOnlySpan<byte>(buffer, bytes));
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    /// <summary>GMP's mpz_t: <c>{ int _mp_alloc; int _mp_size; mp_limb_t* _mp_d; }</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Mpz
    {
        public int Alloc;
        public int Size;
        public nint Limbs;
    }
}
