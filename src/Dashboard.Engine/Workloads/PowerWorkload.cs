using System.Globalization;
using Dashboard.Engine.Strategies;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's second experiment: compute i^i for i = Start + task (~20 million bits at
/// i = 1,000,000) and keep only its bit length and checksum. Pure CPU: threads speed it up in
/// .NET (no GIL), async does not (there is nothing to wait for; that is the lesson), and
/// processes pay their start-up cost for the same gain threads get for free.
/// </summary>
internal sealed class PowerWorkload(PowerParameters parameters, IPowerArithmetic arithmetic) : IWorkload
{
    /// <summary>
    /// The quick preset's first i as the cost model sizes it for .NET with the engine this process
    /// resolves to and no calibration (<see cref="PowerQuickSize"/>); the Run page fits it to the machine.
    /// </summary>
    public static int QuickStart => PowerQuickSize.For(PresetMachine.Default).Start;

    public static WorkloadDescriptor<PowerParameters> Descriptor { get; } = new()
    {
        Id = PowerParameters.WorkloadId,
        Title = "Big-integer power",
        Summary = "Each task computes i^i for one i (about 20 million bits at i = 1,000,000) and keeps its size and checksum.",
        Lesson = "CPU-bound: only parallelism helps. Python needed processes (GIL); .NET threads use every core.",
        Kind = WorkloadKind.CpuBound,
        Icon = "Functions",
        TutorialTasks = 16,
        TutorialFigures =
        [
            new(StrategyIds.Sequential, "sequential", 54.64),
            new(StrategyIds.ThreadPool, "thread pool", 53.83),
            new(StrategyIds.Processes, "process pool", 6.24),
        ],
        Fields =
        [
            new IntField<PowerParameters>
            {
                Name = "start", Flag = "--start", Label = "Start (first i)", Help = "first i of i^i",
                Min = 2, Max = PowerParameters.MaxStart, Value = p => p.Start, Set = (p, v) => p with { Start = v },
            },
            new IntField<PowerParameters>
            {
                Name = "count", IsCount = true, Flag = "--tasks", Label = "Count (tasks)", Help = "powers",
                Min = 1, Max = PowerParameters.MaxCount, Value = p => p.Count, Set = (p, v) => p with { Count = v },
            },
            new ChoiceField<PowerParameters>
            {
                Name = "engine", Flag = "--engine", Label = "Arithmetic", Help = "arithmetic",
                Choices = [new("managed", "Managed BigInteger"), new("gmp", "GMP (libgmp)")],
                AutoLabel = "GMP where present", AutoHelp = "gmp where present",
                Value = p => p.Engine is { } engine ? PowerEngines.Id(engine) : null,
                Set = (p, v) => p with { Engine = v is null ? null : v == "managed" ? PowerEngine.Managed : PowerEngine.Gmp },
            },
        ],
        Default = new(),
        PresetList =
        [
            new(WorkloadPresets.Tutorial, new PowerParameters(Start: 1_000_000, Count: 16), "i^i for i in 1,000,000..1,000,015 (~20 million bits each), as in the tutorial."),
            new(WorkloadPresets.Quick, new PowerParameters(Start: QuickStart, Count: PowerQuickSize.Tasks),
                "16 powers sized to this machine: long enough that threads, parallel and processes beat sequential despite their start-up.")
            {
                Fit = PowerQuickSize.For,
                Expect = (p, machine) => PowerQuickSize.Expectation((PowerParameters)p, machine),
            },
            new(WorkloadPresets.Stress, new PowerParameters(Start: 1_000_000, Count: 64), "64 tasks of ~20 million bits: seconds with GMP, minutes with the managed engine."),
        ],
        Description = p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Count:N0} power{(p.Count == 1 ? "" : "s")} from {p.Start:N0}{(p.Engine is { } e ? $" ({PowerEngines.Id(e)})" : "")}"),
        Cost = (p, c) => PowerCost.Estimate(p.Start, p.Count, PowerEngines.Resolve(p.Engine), PowerParameters.MaxCount, c),
        Engine = p => PowerEngines.Resolve(p.Engine),
        HostCheck = (p, gmp, errors) =>
        {
            if (Enum.IsDefined(p.Engine ?? PowerEngine.Managed) && PowerEngines.TryCreate(p.Engine, gmp.Library, gmp.Error, out var error) is null)
            {
                errors.Add("engine", error!);
            }
        },
        Factory = (p, _, gmp) => new PowerWorkload(p, PowerEngines.TryCreate(p.Engine, gmp.Library, gmp.Error, out var _)!),
    };

    public PowerParameters Parameters { get; } = parameters;

    WorkloadParameters IWorkload.Parameters => Parameters;

    /// <summary>The engine actually used (GMP or managed) after resolving a null choice.</summary>
    public PowerEngine Engine => arithmetic.Engine;

    /// <summary>Power writes no files.</summary>
    public void Prepare()
    {
    }

    public string Run(TaskContext context) =>
        arithmetic.Compute(Exponent(WorkloadChecks.EnsureTask(context, Parameters.Count)), context.CancellationToken).Summary;

    /// <summary>
    /// Runs the same computation on the calling thread: awaiting CPU-bound work frees nothing, so
    /// the async strategy of this workload is as slow as sequential. Wrapping it in Task.Run would
    /// hide the lesson (and turn async into a thread pool).
    /// </summary>
    public ValueTask<string> RunAsync(TaskContext context)
    {
        try
        {
            return ValueTask.FromResult(Run(context));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<string>(e);
        }
    }

    public string Check(IReadOnlyDictionary<int, string> outputs)
    {
        var problems = new List<string>();
        foreach (var (task, output) in outputs.OrderBy(o => o.Key))
        {
            if (task < 0 || task >= Parameters.Count)
            {
                problems.Add($"task {task} is outside 0..{Parameters.Count - 1}");
                continue;
            }

            var i = Exponent(task);
            if (!PowerResult.TryParse(output, out var result))
            {
                problems.Add($"task {task} reported \"{output}\", not bits=N;sha256=X");
            }
            else if (result.Bits != PowerResult.ExpectedBits(i))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"task {task}: {i}^{i} has {PowerResult.ExpectedBits(i)} bits, the output says {result.Bits}"));
            }
        }

        var missing = Enumerable.Range(0, Parameters.Count).Where(t => !outputs.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{missing.Count} of {Parameters.Count} tasks have no output (first: task {missing[0]})");
        }

        return WorkloadChecks.Summarise(problems);
    }

    public void Dispose()
    {
    }

    private int Exponent(int task) => Parameters.Start + task;
}
