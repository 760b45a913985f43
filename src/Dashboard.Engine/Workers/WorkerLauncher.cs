using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Finds the Dashboard.Worker executable and builds the command that starts it. By default the
/// worker sits next to the entry assembly (the Web project and the test projects reference the
/// Worker project, so Dashboard.Worker.dll, its runtimeconfig and deps land in their output).
/// </summary>
public sealed class WorkerLauncher
{
    /// <summary>The worker's file name next to the entry assembly.</summary>
    public const string WorkerDllName = "Dashboard.Worker.dll";

    /// <param name="workerPath">
    /// Dashboard.Worker.dll (started with the dotnet host) or its apphost; null = next to the entry assembly.
    /// </param>
    public WorkerLauncher(string? workerPath = null)
    {
        WorkerPath = Path.GetFullPath(workerPath ?? Path.Combine(AppContext.BaseDirectory, WorkerDllName));
    }

    /// <summary>The worker file this launcher starts.</summary>
    public string WorkerPath { get; }

    /// <summary>A start info with stdin/stdout/stderr redirected; throws when the worker is missing.</summary>
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

        return info;
    }

    /// <summary>
    /// The dotnet host running us (so the worker uses the same runtime), else DOTNET_HOST_PATH,
    /// else the host above the runtime directory, else "dotnet" from PATH.
    /// </summary>
    public static string DotnetHostPath { get; } = FindDotnetHost();

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
