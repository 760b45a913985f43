using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Finds the Dashboard.Worker executable and builds the command that starts it. By default the
/// worker sits next to the entry assembly (the Web project and the test projects reference the
/// Worker project, so Dashboard.Worker.dll, its runtimeconfig and deps land in their output, and,
/// where the build machine has a C toolchain, the Native AOT build in worker-native/).
/// The native worker is preferred: it starts in a few milliseconds where `dotnet exec` needs
/// ~100 ms or more (runtime start plus JIT of the protocol, JSON and workload code).
/// </summary>
public sealed class WorkerLauncher
{
    /// <summary>The worker's file name next to the entry assembly.</summary>
    public const string WorkerDllName = "Dashboard.Worker.dll";

    /// <summary>The folder next to the entry assembly that holds the Native AOT worker.</summary>
    public const string NativeWorkerFolder = "worker-native";

    /// <summary>
    /// Environment variable choosing the worker when no explicit path is given: <c>auto</c> (or
    /// unset: native when present, else the dll), <c>dll</c> (always <c>dotnet exec</c>, e.g. to
    /// compare), <c>native</c> (the native worker; an error when it is missing).
    /// </summary>
    public const string WorkerKindVariable = "DASHBOARD_WORKER";

    /// <param name="workerPath">
    /// Dashboard.Worker.dll (started with the dotnet host), its apphost or the native worker;
    /// null = found next to the entry assembly as <see cref="WorkerKindVariable"/> says.
    /// </param>
    public WorkerLauncher(string? workerPath = null)
        : this(workerPath, AppContext.BaseDirectory, Environment.GetEnvironmentVariable(WorkerKindVariable))
    {
    }

    /// <summary>The same choice with an explicit base directory and kind (tests).</summary>
    internal WorkerLauncher(string? workerPath, string baseDirectory, string? kind)
    {
        if (workerPath is not null)
        {
            WorkerPath = Path.GetFullPath(workerPath);
            // An apphost has its dll beside it; the native worker has none.
            IsNative = !WorkerPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && !File.Exists(Path.ChangeExtension(WorkerPath, ".dll"));
            Choice = "the configured worker path";
            return;
        }

        var dll = Path.GetFullPath(Path.Combine(baseDirectory, WorkerDllName));
        var native = Path.GetFullPath(Path.Combine(baseDirectory, NativeWorkerFolder, NativeExecutableName));
        switch (kind?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                var missing = WhyNotUsable(native);
                (WorkerPath, IsNative, Choice) = missing is null
                    ? (native, true, "the native (AOT) worker")
                    : (dll, false, $"dotnet exec: {missing}");
                break;
            case "dll":
                (WorkerPath, IsNative, Choice) = (dll, false, $"dotnet exec: {WorkerKindVariable}=dll");
                break;
            case "native":
                (WorkerPath, IsNative, Choice) = (native, true, $"the native (AOT) worker: {WorkerKindVariable}=native");
                break;
            default:
                throw new ArgumentException(
                    $"{WorkerKindVariable} must be auto, dll or native (got '{kind}').", nameof(kind));
        }
    }

    /// <summary>The worker file this launcher starts.</summary>
    public string WorkerPath { get; }

    /// <summary>True when <see cref="WorkerPath"/> is started directly rather than with the dotnet host.</summary>
    public bool IsNative { get; }

    /// <summary>Which worker was chosen and why, for a log line (e.g. why the native one was not used).</summary>
    public string Choice { get; }

    private static string NativeExecutableName => OperatingSystem.IsWindows() ? "Dashboard.Worker.exe" : "Dashboard.Worker";

    /// <summary>A start info with stdin/stdout/stderr redirected and the app's secrets left out of its environment; throws when the worker is missing.</summary>
    public ProcessStartInfo CreateStartInfo()
    {
        if (!File.Exists(WorkerPath))
        {
            throw new FileNotFoundException(
                $"The worker {WorkerPath} is missing: reference the Dashboard.Worker project so it is copied next to the app.",
                WorkerPath);
        }

        var viaHost = WorkerPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(viaHost ? DotnetHostPath : WorkerPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = Path.GetDirectoryName(WorkerPath)!,
        };
        if (viaHost)
        {
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(WorkerPath);
        }

        return ChildEnvironment.Scrub(info);
    }

    /// <summary>
    /// The dotnet host running us (so the worker uses the same runtime), else DOTNET_HOST_PATH,
    /// else the host above the runtime directory, else "dotnet" from PATH.
    /// </summary>
    public static string DotnetHostPath { get; } = FindDotnetHost();

    /// <summary>Null when the native worker can be started, else why not.</summary>
    private static string? WhyNotUsable(string native)
    {
        if (!File.Exists(native))
        {
            return $"no native worker at {native} (it is built only where clang or gcc is installed)";
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(native) & UnixFileMode.UserExecute) == 0)
        {
            return $"the native worker {native} is not executable";
        }

        return null;
    }

    private static string FindDotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        // .../dotnet/shared/Microsoft.NETCore.App/10.0.x/ -> .../dotnet/dotnet
        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtimeDir)));
        var candidate = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return candidate is not null && File.Exists(candidate) ? candidate : "dotnet";
    }
}
