using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// Sizes the power workload's quick preset to this machine: 16 tasks (an even share on 2 cores) of
/// an i large enough that the sequential run takes about <see cref="DotnetSequentialSeconds"/>
/// (.NET) or <see cref="PythonSequentialSeconds"/> (Python), so a process's start-up is small beside
/// its share and the parallel strategies show their gain. A fixed i cannot: with GMP, i = 150,000
/// takes ~7 ms a task and every parallel strategy loses to its own start-up. The seconds come from
/// the cost model (<see cref="PowerCost"/>) scaled by the CPU calibration when one is measured.
/// </summary>
public static class PowerQuickSize
{
    public const int Tasks = 16;

    /// <summary>
    /// .NET's sequential target: long enough that a worker process's start (~0.15 s) leaves processes
    /// over x1.5 on 2 cores, short enough that all seven strategies take about 5 s.
    /// </summary>
    public const double DotnetSequentialSeconds = 1.0;

    /// <summary>
    /// Python's: its process pool's start (~0.17 s measured) must stay small beside half the work for
    /// x1.4, yet its six strategies (threads and the pool slower than sequential under the GIL) should
    /// take about 5 s together; the model's Python figures run about a fifth under the measured ones.
    /// </summary>
    public const double PythonSequentialSeconds = 0.8;

    /// <summary>
    /// The quick preset for <paramref name="machine"/>. Both runtimes use the managed engine: Python's
    /// integers cost about what managed BigInteger does (GMP is 20-40x faster), so one i reaches each
    /// runtime's own target (the larger of the two i's) and each shows its lesson.
    /// </summary>
    public static PowerParameters For(PresetMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var engine = machine.Runtime == LabRuntime.Both ? PowerEngine.Managed : machine.Engine;
        var scale = Scale(machine.Calibration);
        bool Reaches(int start) =>
            (machine.Runtime == LabRuntime.Python || Seconds(start, engine, false, scale) >= DotnetSequentialSeconds)
            && (machine.Runtime == LabRuntime.Dotnet || Seconds(start, engine, true, scale) >= PythonSequentialSeconds);

        // The cost grows with i: the smallest i whose estimates reach the targets, found by halving.
        int low = 2, high = PowerParameters.MaxStart;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (Reaches(mid))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        // A round i reads better in the form; 10,000s keep the estimate within a few percent.
        var start = Math.Clamp((int)Math.Round(low / 10_000.0) * 10_000, 10_000, PowerParameters.MaxStart);
        return new PowerParameters(start, Tasks, machine.Runtime == LabRuntime.Both ? PowerEngine.Managed : null);
    }

    /// <summary>
    /// The seconds <paramref name="parameters"/> take sequentially on this machine in .NET and (for
    /// Python or both) in Python, from the cost model scaled by the calibration.
    /// </summary>
    public static (double Dotnet, double? Python) SequentialSeconds(PowerParameters parameters, PresetMachine machine)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(machine);
        var engine = parameters.Engine ?? machine.Engine;
        var scale = Scale(machine.Calibration);
        return (Seconds(parameters.Start, engine, false, scale, parameters.Count),
            machine.Runtime == LabRuntime.Dotnet ? null : Seconds(parameters.Start, engine, true, scale, parameters.Count));
    }

    /// <summary>"about 1.0 s in .NET sequentially on this machine (from its CPU calibration)": the runtime(s) the form runs, each with its figure.</summary>
    public static string Expectation(PowerParameters parameters, PresetMachine machine)
    {
        var (dotnet, python) = SequentialSeconds(parameters, machine);
        var runtime = machine.Runtime switch
        {
            LabRuntime.Dotnet => string.Create(CultureInfo.InvariantCulture, $"about {dotnet:0.0} s in .NET"),
            LabRuntime.Python => string.Create(CultureInfo.InvariantCulture, $"about {python:0.0} s in Python"),
            _ => string.Create(CultureInfo.InvariantCulture, $"about {dotnet:0.0} s in .NET and {python:0.0} s in Python"),
        };
        var basis = machine.Calibration is null
            ? "from the cost model; the first power run measures this machine"
            : "from this machine's CPU calibration";
        return $"{runtime} sequentially on this machine ({basis})";
    }

    /// <summary>This machine's speed over the cost model's: the calibration's one-process time over the model's estimate of the same work.</summary>
    internal static double Scale(CpuCalibration? calibration)
    {
        if (calibration is null || calibration.OneProcessSeconds <= 0)
        {
            return 1;
        }

        var engine = calibration.Engine == PowerEngines.Id(PowerEngine.Gmp) ? PowerEngine.Gmp : PowerEngine.Managed;

        var model = Seconds(calibration.Start, engine, false, 1, calibration.Tasks);
        return model > 0 ? Math.Clamp(calibration.OneProcessSeconds / model, 0.1, 10) : 1;
    }

    private static double Seconds(int start, PowerEngine engine, bool python, double scale, int tasks = Tasks) =>
        scale * PowerCost.Estimate(start, tasks, engine, PowerParameters.MaxCount, new CostInput(tasks, python, null, 0, false)).Seconds;
}
