using System.Globalization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's second experiment: compute i^i for i = Start + task (~20 million bits at
/// i = 1,000,000) and keep only its bit length and checksum. Pure CPU: threads speed it up in
/// .NET (no GIL), async does not (there is nothing to wait for; that is the lesson), and
/// processes pay their start-up cost for the same gain threads get for free.
/// </summary>
internal sealed class PowerWorkload(PowerParameters parameters, IPowerArithmetic arithmetic) : IWorkload
{
    public PowerParameters Parameters { get; } = parameters;

    WorkloadParameters IWorkload.Parameters => Parameters;

    public WorkloadKind Kind => WorkloadKind.CpuBound;

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
