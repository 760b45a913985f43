using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Workers;
using Dashboard.Engine.Workloads;
using Microsoft.Extensions.Options;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Host;

/// <summary>
/// This machine's CPU calibration per power engine, measured once (<see cref="CpuCalibrator"/>, a
/// few seconds) and kept in the data folder (calibration/*.json), keyed by machine name, CPU model,
/// core count and engine, so a restart or a new run does not measure again. At most
/// <see cref="MaxFiles"/> files are kept (the oldest go): a data folder moved between machines
/// does not grow without end.
/// </summary>
public sealed class CpuCalibrationCache(DataFolder data, IOptions<LabEngineOptions> options, ILogger<CpuCalibrationCache> logger)
{
    public const int MaxFiles = 16;

    /// <summary>Rounds per calibration (medians of these).</summary>
    public const int Rounds = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Folder => Path.Combine(data.Root, "calibration");

    /// <summary>The cached figure for <paramref name="engine"/>, or a new measurement; null when off or it failed (logged).</summary>
    public async Task<CpuCalibration?> GetOrMeasureAsync(PowerEngine engine, CancellationToken cancellationToken)
    {
        if (!options.Value.CalibrateCpu)
        {
            return null;
        }

        var path = Path.Combine(Folder, Key(engine) + ".json");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Read(path) is { } cached)
            {
                return cached;
            }

            logger.LogInformation("Measuring this machine's CPU calibration for the {Engine} engine (once; cached in {Folder})", PowerEngines.Id(engine), Folder);
            var workerPath = string.IsNullOrWhiteSpace(options.Value.WorkerPath) ? null : options.Value.WorkerPath;
            var calibration = await CpuCalibrator.MeasureAsync(engine, null, Rounds, workerPath, cancellationToken);
            Write(path, calibration);
            logger.LogInformation("CPU calibration {Engine}: 1 process {OneProcessSeconds:0.000} s, {Processes} processes {ParallelSeconds:0.000} s, x{Speedup:0.00}",
                calibration.Engine, calibration.OneProcessSeconds, calibration.Processes, calibration.ParallelSeconds, calibration.Speedup);
            return calibration;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            logger.LogWarning(e, "CPU calibration for the {Engine} engine failed; CPU limits use the core count", PowerEngines.Id(engine));
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The cached figure for <paramref name="engine"/> without measuring; null when none is kept or calibration is off.</summary>
    public CpuCalibration? Cached(PowerEngine engine) =>
        options.Value.CalibrateCpu ? Read(Path.Combine(Folder, Key(engine) + ".json")) : null;

    /// <summary>A file name for this machine and engine: readable start, hash of the rest.</summary>
    public static string Key(PowerEngine engine)
    {
        // "best-of" names the estimator: a figure measured the earlier way (medians) is measured again.
        var machine = $"best-of|{Environment.MachineName}|{RunEnvironment.Capture("-").CpuModel}|{Environment.ProcessorCount}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machine)))[..16];
        return $"{PowerEngines.Id(engine)}-{Environment.ProcessorCount}cores-{hash}";
    }

    private CpuCalibration? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CpuCalibration>(File.ReadAllText(path), RunJsonOptions.Compact) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Ignoring an unreadable CPU calibration file {Path}", path);
            return null;
        }
    }

    private void Write(string path, CpuCalibration calibration)
    {
        Directory.CreateDirectory(Folder);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(calibration, RunJsonOptions.Compact));
        File.Move(temporary, path, overwrite: true);
        foreach (var old in new DirectoryInfo(Folder).GetFiles("*.json").OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxFiles))
        {
            old.Delete();
        }
    }
}
