using System.Globalization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's say_hello as a workload: each task waits <see cref="HelloParameters.DelayMs"/>
/// and greets. Pure waiting: the blocking form holds a thread for the whole wait, the async form
/// holds none, which is why async scales to thousands of tasks and threads do not.
/// </summary>
internal sealed class HelloWorkload(HelloParameters parameters) : IWorkload
{
    public static WorkloadDescriptor<HelloParameters> Descriptor { get; } = new()
    {
        Id = HelloParameters.WorkloadId,
        Title = "Hello",
        Summary = "Each task checks a name, waits, and greets: the tutorial's say_hello, the example for testing async code.",
        Lesson = "Pure waiting: a blocked thread per wait versus thousands of waits on no thread at all.",
        Kind = WorkloadKind.IoBound,
        Icon = "WavingHand",
        TutorialTasks = 1,
        TutorialNote = "tutorial: one greeting that waits 2 s, the example for testing async code",
        Fields =
        [
            new IntField<HelloParameters>
            {
                Name = "tasks", IsCount = true, Flag = "--tasks", Label = "Tasks (greetings)", Help = "greetings",
                Min = 1, Max = HelloParameters.MaxTasks, Value = p => p.Tasks, Set = (p, v) => p with { Tasks = v },
            },
            new IntField<HelloParameters>
            {
                Name = "delayMs", FormId = "delay", Flag = "--delay-ms", Label = "Wait (ms)", Help = "wait per task in ms",
                Min = 0, Max = HelloParameters.MaxDelayMs, Value = p => p.DelayMs, Set = (p, v) => p with { DelayMs = v },
            },
            new TextField<HelloParameters>
            {
                Name = "name", Flag = "--name", Label = "Name", Help = "who to greet",
                MaxLength = HelloParameters.MaxNameLength, Value = p => p.Name, Set = (p, v) => p with { Name = v },
            },
        ],
        Default = new(),
        PresetList =
        [
            new(WorkloadPresets.Tutorial, new HelloParameters(Tasks: 3, DelayMs: 2_000), "3 greetings that each wait 2 s, like the tutorial's say_hello."),
            new(WorkloadPresets.Quick, new HelloParameters(Tasks: 10, DelayMs: 100), "10 greetings waiting 100 ms each: 1 s sequentially."),

            // 20 ms, not 100: 10,000 waits of 100 ms are 1,000 s of sequential work per strategy, over
            // the dashboard's default run budget (900 s); the lesson is the 10,000, not the wait.
            new(WorkloadPresets.Stress, new HelloParameters(Tasks: 10_000, DelayMs: 20), "10,000 waits of 20 ms: one thread each versus no thread at all."),
        ],
        Description = p => string.Create(CultureInfo.InvariantCulture, $"{p.Tasks:N0} greeting{(p.Tasks == 1 ? "" : "s")}, {p.DelayMs:N0} ms wait"),
        Wait = p => p.DelayMs / 1000.0,
        Cost = (p, c) => new(c.Tasks * (Math.Max(0, p.DelayMs) / 1000.0 + WorkloadCost.TaskOverhead(c)), "the wait of each greeting",
            WaitSeconds: c.Tasks * (Math.Max(0, p.DelayMs) / 1000.0)),
        Factory = (p, _, _) => new HelloWorkload(p),
    };

    public HelloParameters Parameters { get; } = parameters;

    WorkloadParameters IWorkload.Parameters => Parameters;

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

    public ValueTask<string> RunAsync(TaskContext context)
    {
        // Not an async method: the greeter's task is the task, so a million waits in flight hold no
        // second state machine each. A bad task index still surfaces from the returned task.
        try
        {
            WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        }
        catch (ArgumentException e)
        {
            return ValueTask.FromException<string>(e);
        }

        return new(Greeter.SayHelloAsync(Parameters.Name, Parameters.DelayMs, context.CancellationToken));
    }

    public string Check(IReadOnlyDictionary<int, string> outputs) => WorkloadChecks.AllSay(outputs, Parameters.Tasks, Expected);

    public void Dispose()
    {
    }
}
