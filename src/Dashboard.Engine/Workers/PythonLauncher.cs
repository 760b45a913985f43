using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Dashboard.Engine.Workers;

/// <summary>
/// Starts the Python twins' runner (<c>python3 -m twins.runner</c>) from the <c>twins</c> package
/// the build copies next to the entry assembly, and probes once per interpreter whether Python
/// and the tutorial's libraries are there (the probe is cached: a run start must not pay for it).
/// </summary>
public sealed class PythonLauncher
{
    /// <summary>The folder next to the entry assembly that holds the twins package.</summary>
    public const string PackageFolder = "twins";

    /// <summary>Debian's interpreter, where python3-requests and friends are installed.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, Lazy<PythonProbe>> Probes = new(StringComparer.Ordinal);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(20);

    /// <param name="pythonPath">The interpreter; null = <see cref="DebianPython"/> where it exists, else python3 from PATH.</param>
    public PythonLauncher(string? pythonPath = null)
        : this(pythonPath, AppContext.BaseDirectory)
    {
    }

    internal PythonLauncher(string? pythonPath, string baseDirectory)
    {
        PythonPath = pythonPath ?? (File.Exists(DebianPython) ? DebianPython : "python3");
        BaseDirectory = Path.GetFullPath(baseDirectory);
    }

    /// <summary>The interpreter this launcher starts.</summary>
    public string PythonPath { get; }

    /// <summary>The folder that holds the <see cref="PackageFolder"/> package (it goes on PYTHONPATH).</summary>
    public string BaseDirectory { get; }

    /// <summary>A start info for the runner with stdin/stdout/stderr redirected and the app's secrets left out of its environment.</summary>
    public ProcessStartInfo CreateStartInfo(params string[] arguments)
    {
        var info = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = BaseDirectory,
        };
        info.ArgumentList.Add("-m");
        info.ArgumentList.Add("twins.runner");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PYTHONPATH"] = BaseDirectory;
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1"; // the app folder may be read-only
        info.Environment["PYTHONUNBUFFERED"] = "1";
        return ChildEnvironment.Scrub(info);
    }

    /// <summary>Whether the twins can run here, probed once per interpreter and folder.</summary>
    public PythonProbe Probe() =>
        Probes.GetOrAdd(PythonPath + "\n" + BaseDirectory, _ => new Lazy<PythonProbe>(RunProbe)).Value;

    private PythonProbe RunProbe()
    {
        if (!File.Exists(Path.Combine(BaseDirectory, PackageFolder, "runner.py")))
        {
            return new PythonProbe(null, []) { Problem = $"The Python twins are missing: no {PackageFolder}/runner.py in {BaseDirectory}." };
        }

        Process process;
        try
        {
            process = Process.Start(CreateStartInfo("--probe"))!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new PythonProbe(null, [])
            {
                Problem = $"Python 3 is not installed ({PythonPath} could not be started): install the Debian package python3.",
            };
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return new PythonProbe(null, []) { Problem = $"{PythonPath} did not answer the probe within {ProbeTimeout.TotalSeconds:0} s." };
            }

            PythonProbe? probe = null;
            try
            {
                probe = JsonSerializer.Deserialize(stdout.Result, PythonJsonContext.Default.PythonProbe);
            }
            catch (JsonException)
            {
            }

            if (process.ExitCode != 0 || probe is null)
            {
                var why = stderr.Result.Trim();
                return new PythonProbe(null, [])
                {
                    Problem = $"{PythonPath} could not run the twins' probe (exit code {process.ExitCode}): {(why.Length > 300 ? why[^300..] : why)}",
                };
            }

            return probe.Missing.Length == 0
                ? probe
                : probe with { Problem = $"Python {probe.Python} lacks {string.Join(", ", probe.Missing)}: install the Debian package(s) {string.Join(" ", probe.Missing)}." };
        }
    }
}
