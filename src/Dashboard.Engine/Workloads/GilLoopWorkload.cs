using System.Globalization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// A lesson that breaks Python threads on purpose: each task adds up 1..steps in a plain loop, the
/// pure-Python loop of the twin (src/twins/python/twins/gil_loop.py). CPython's GIL lets one thread
/// run Python code at a time, so Python threads on it take turns on one core (the <c>gil-bound</c>
/// warning); Python processes and .NET threads run it on every core.
/// </summary>
internal sealed class GilLoopWorkload(GilLoopParameters parameters) : IWorkload
{
    /// <summary>CPU seconds one step costs at most, as the budget prices it: CPython's loop and .NET's.</summary>
    private const double PythonStepSeconds = 100e-9, DotnetStepSeconds = 2e-9;

    public static WorkloadDescriptor<GilLoopParameters> Descriptor { get; } = new()
    {
        Id = GilLoopParameters.WorkloadId,
        Title = "GIL loop",
        Summary = "A lesson: each task adds up 1..N in a plain loop, pure Python in the Python runtime.",
        Lesson = "Symptom on Python threads: the gil-bound warning (the threads take turns on one core). Python processes and .NET threads use every core.",
        Kind = WorkloadKind.CpuBound,
        Icon = "Loop",
        TutorialTasks = 4,
        TutorialNote = "not in the tutorial: the classic demonstration of CPython's global interpreter lock",
        Fields =
        [
            new IntField<GilLoopParameters>
            {
                Name = "tasks", IsCount = true, Flag = "--tasks", Label = "Tasks (loops)", Help = "loops",
                Min = 1, Max = GilLoopParameters.MaxTasks, Value = p => p.Tasks, Set = (p, v) => p with { Tasks = v },
            },
            new IntField<GilLoopParameters>
            {
                Name = "steps", Flag = "--steps", Label = "Steps per loop", Help = "steps of each task's loop",
                Min = 1, Max = GilLoopParameters.MaxSteps, Value = p => p.Steps, Set = (p, v) => p with { Steps = v },
            },
        ],
        Default = new(),
        PresetList =
        [
            new(WorkloadPresets.Tutorial, new GilLoopParameters(Tasks: 4, Steps: 5_000_000), "4 loops of 5 million steps: about a second each in CPython."),
            new(WorkloadPresets.Quick, new GilLoopParameters(Tasks: 4, Steps: 2_000_000), "4 loops of 2 million steps: a few tenths of a second each in CPython."),
            new(WorkloadPresets.Stress, new GilLoopParameters(Tasks: 32, Steps: 5_000_000), "32 loops of 5 million steps: 32 threads taking turns on one GIL."),
        ],
        Description = p => string.Create(CultureInfo.InvariantCulture, $"{p.Tasks:N0} loop{(p.Tasks == 1 ? "" : "s")} of {p.Steps:N0} steps"),
        Cost = (p, c) => new(c.Tasks * (Math.Max(0, p.Steps) * (c.Python ? PythonStepSeconds : DotnetStepSeconds) + WorkloadCost.TaskOverhead(c)),
            c.Python ? "a pure-Python loop step at 100 ns" : "a .NET loop step at 2 ns"),
        Factory = (p, _, _) => new GilLoopWorkload(p),
    };

    public GilLoopParameters Parameters { get; } = parameters;

    WorkloadParameters IWorkload.Parameters => Parameters;

    /// <summary>What every task reports: the sum of 1..steps, which the twin's loop reports too.</summary>
    private string Expected => Output((long)Parameters.Steps * (Parameters.Steps + 1) / 2);

    /// <summary>The loop writes no files.</summary>
    public void Prepare()
    {
    }

    public string Run(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        return Output(Count(Parameters.Steps, context.CancellationToken));
    }

    /// <summary>Awaiting CPU work frees nothing: the async form runs the same loop.</summary>
    public ValueTask<string> RunAsync(TaskContext context) => ValueTask.FromResult(Run(context));

    public string Check(IReadOnlyDictionary<int, string> outputs) => WorkloadChecks.AllSay(outputs, Parameters.Tasks, Expected);

    public void Dispose()
    {
    }

    private static long Count(int steps, CancellationToken cancellationToken)
    {
        long total = 0;
        for (var k = 1; k <= steps; k++)
        {
            total += k;
            if ((k & 0xF_FFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return total;
    }

    private static string Output(long sum) => string.Create(CultureInfo.InvariantCulture, $"sum={sum}");
}
