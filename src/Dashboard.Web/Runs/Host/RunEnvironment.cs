using System.Runtime;
using System.Runtime.InteropServices;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// Where a run ran, captured when it starts and exported with it, so figures from different
/// machines and settings can be told apart.
/// </summary>
/// <param name="OperatingSystem">e.g. "Debian GNU/Linux 12 (bookworm), Unix 6.1.0.0".</param>
/// <param name="DotNetVersion">e.g. ".NET 10.0.1".</param>
/// <param name="CoreCount">Logical processors this process may use.</param>
/// <param name="CpuModel">"model name" from /proc/cpuinfo, else the architecture.</param>
/// <param name="GcMode">"server, concurrent" / "workstation, non-concurrent" ...</param>
/// <param name="ArithmeticEngine">"gmp 6.3.0" when libgmp loads, else "managed (System.Numerics.BigInteger)".</param>
/// <param name="TargetBaseUrl">Base address of the targets the workloads called.</param>
/// <param name="Knobs">The targets' knobs (latency, jitter, failure rate, ...) as text.</param>
public sealed record RunEnvironment(
    string OperatingSystem,
    string DotNetVersion,
    int CoreCount,
    string CpuModel,
    string GcMode,
    bool ServerGc,
    bool ConcurrentGc,
    string ArithmeticEngine,
    string TargetBaseUrl,
    IReadOnlyDictionary<string, string> Knobs)
{
    /// <summary>
    /// This machine's CPU calibration for the run's power engine (one process vs cores processes),
    /// which the CPU limits use; null for other workloads, or when it could not be measured.
    /// </summary>
    public Dashboard.Engine.Statistics.CpuCalibration? Calibration { get; init; }

    /// <summary>Where the run's workload files went and the file system holding them; null for runs stored before it was recorded.</summary>
    public OutputPlace? Outputs { get; init; }

    /// <summary>
    /// The lab nodes the run's cluster strategy used (<see cref="Dashboard.Engine.Cluster.NodeSummary.Of"/>
    /// over its repetitions), kept with the run for its node panel; null when it used none.
    /// </summary>
    public IReadOnlyList<Dashboard.Engine.Cluster.NodeSummary>? Nodes { get; init; }

    /// <summary>
    /// Seconds this run spent measuring <see cref="Calibration"/> before its first strategy (once per
    /// machine and engine); null when it found one measured already.
    /// </summary>
    public double? CalibrationSeconds { get; init; }

    /// <summary>This environment without the server's output folder: what runs keep, show and export.</summary>
    public RunEnvironment WithoutOutputFolder() =>
        Outputs is { Directory: not null } outputs ? this with { Outputs = outputs.WithoutDirectory() } : this;

    /// <summary>What <see cref="ArithmeticEngine"/> says when GMP cannot be loaded.</summary>
    public const string ManagedEngine = "managed (System.Numerics.BigInteger)";

    /// <summary>Captures this process's environment.</summary>
    /// <param name="targetBaseUrl">Base address of the targets (e.g. "http://127.0.0.1:8080/sim/").</param>
    /// <param name="knobs">The targets' knobs, or null for none.</param>
    public static RunEnvironment Capture(string targetBaseUrl, IReadOnlyDictionary<string, string>? knobs = null)
    {
        ArgumentNullException.ThrowIfNull(targetBaseUrl);
        var server = GCSettings.IsServerGC;

        // Concurrent (background) GC shows as the Interactive latency mode; Batch means it is off.
        var concurrent = GCSettings.LatencyMode != GCLatencyMode.Batch;
        return new RunEnvironment(
            OperatingSystemName(),
            RuntimeInformation.FrameworkDescription,
            Environment.ProcessorCount,
            CpuModelName(),
            $"{(server ? "server" : "workstation")}, {(concurrent ? "concurrent" : "non-concurrent")}",
            server,
            concurrent,
            GmpVersion() is { } gmp ? $"gmp {gmp}" : ManagedEngine,
            targetBaseUrl,
            new Dictionary<string, string>(knobs ?? new Dictionary<string, string>(), StringComparer.Ordinal));
    }

    /// <summary>The distribution (the runtime reads /etc/os-release) and the kernel version.</summary>
    private static string OperatingSystemName() =>
        $"{RuntimeInformation.OSDescription}, {Environment.OSVersion.VersionString}";

    private static string CpuModelName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    // x86 says "model name"; some ARM kernels only say "Hardware" or "Processor".
                    if (line.StartsWith("model name", StringComparison.Ordinal) ||
                        line.StartsWith("Hardware", StringComparison.Ordinal) ||
                        line.StartsWith("Processor", StringComparison.Ordinal))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        if (colon > 0 && line[(colon + 1)..].Trim() is { Length: > 0 } model)
                        {
                            return model;
                        }
                    }
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return $"unknown {RuntimeInformation.ProcessArchitecture}";
    }

    /// <summary>The version string GMP exports as <c>__gmp_version</c> (a <c>const char*</c>), or null.</summary>
    private static string? GmpVersion()
    {
        if (!NativeLibrary.TryLoad("libgmp.so.10", out var handle) &&
            !NativeLibrary.TryLoad("libgmp", out handle))
        {
            return null;
        }

        try
        {
            // The export is the address of the pointer variable, not of the characters.
            return NativeLibrary.TryGetExport(handle, "__gmp_version", out var address)
                ? Marshal.PtrToStringAnsi(Marshal.ReadIntPtr(address)) ?? "unknown version"
                : "unknown version";
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }
}
