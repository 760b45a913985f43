namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's say_hello as a workload: each task waits <see cref="HelloParameters.DelayMs"/>
/// and greets. Pure waiting: the blocking form holds a thread for the whole wait, the async form
/// holds none, which is why async scales to thousands of tasks and threads do not.
/// </summary>
internal sealed class HelloWorkload(HelloParameters parameters) : IWorkload
{
    public HelloParameters Parameters { get; } = parameters;

    WorkloadParameters IWorkload.Parameters => Parameters;

    public WorkloadKind Kind => WorkloadKind.IoBound;

    private string Expected => Greeter.Greeting(Parameters.Name);

    /// <summary>Hello writes no files.</summary>
    public void Prepare()
    {
    }

    public string Run(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        return Greeter.SayHello(Parameters.Name, Parameters.DelayMs, context.CancellationToken);
    }

    public async ValueTask<string> RunAsync(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        return await Greeter.SayHelloAsync(Parameters.Name, Parameters.DelayMs, context.CancellationToken).ConfigureAwait(false);
    }

    public string Check(IReadOnlyDictionary<int, string> outputs)
    {
        var problems = new List<string>();
        foreach (var (task, output) in outputs.OrderBy(o => o.Key))
        {
            if (task < 0 || task >= Parameters.Tasks)
            {
                problems.Add($"task {task} is outside 0..{Parameters.Tasks - 1}");
            }
            else if (!string.Equals(output, Expected, StringComparison.Ordinal))
            {
                problems.Add($"task {task} said \"{output}\" instead of \"{Expected}\"");
            }
        }

        return WorkloadChecks.Summarise(problems);
    }

    public void Dispose()
    {
    }
}
