using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The tutorial's say_hello as a workload: each task waits <see cref="HelloParameters.DelayMs"/>
/// and greets. Pure waiting: the blocking form holds a thread for the whole wait, the async form
/// holds none, which is why async scales to thousands of tasks and threads do not. The async
/// form's waits are not a Task.Delay each: they share one run-wide timer (<see cref="SleepWheel"/>),
/// waits due in the same millisecond one completion, as Tokio's and Netty's timer wheels do, so a
/// million waiting tasks hold no timer and no cancellation registration each.
/// </summary>
internal sealed class HelloWorkload(HelloParameters parameters) : IWorkload
{
    public static WorkloadDescriptor<HelloParameters> Descriptor { get; } = new()
    {
        Id = HelloParameters.WorkloadId,
        Title = "Hello",
        Summary = "Each task checks a name, waits, and greets: the tutorial's say_hello, the example for testing async code.",
        Lesson = "Pure waiting: a blocked thread per wait versus thousands of waits on no thread at all (the async waits share one timer per millisecond, as Tokio's and Netty's do, and the tasks one tick wakes resume one after another, as an event loop runs them).",
        Kind = WorkloadKind.IoBound,

        // RunAsync returns the wheel's sleep itself: nothing of hello's runs after the wait.
        AsyncIsOneWait = true,
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

    private readonly Lock _wheelLock = new();
    private SleepWheel? _wheel;

    public HelloParameters Parameters { get; } = parameters;

    WorkloadParameters IWorkload.Parameters => Parameters;

    // One greeting string for every task: a million equal outputs are one string.
    private string Expected { get; } = Greeter.Greeting(parameters.Name);

    /// <summary>Hello writes no files.</summary>
    public void Prepare()
    {
    }

    public string Run(TaskContext context)
    {
        WorkloadChecks.EnsureTask(context, Parameters.Tasks);
        return Greeter.SayHello(Parameters.Name, Parameters.DelayMs, context.CancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask<string> RunAsync(TaskContext context)
    {
        // Not an async method: the wait's own shared completion carries the greeting, so a million
        // waits in flight hold no state machine of hello's. A bad task index or name still
        // surfaces from the returned task.
        try
        {
            WorkloadChecks.EnsureTask(context, Parameters.Tasks);
            Greeter.Validate(Parameters.Name, Parameters.DelayMs);
        }
        catch (ArgumentException e)
        {
            return ValueTask.FromException<string>(e);
        }

        // Measured from the task's start when its loop stamped it: one clock reading for both.
        return new(WheelFor(context.CancellationToken).Delay(Parameters.DelayMs, context.Started));
    }

    /// <summary>The wheel of the run whose token this is (one run's tasks share one token).</summary>
    private SleepWheel WheelFor(CancellationToken cancellationToken)
    {
        var wheel = Volatile.Read(ref _wheel);
        if (wheel is not null && wheel.CancellationToken == cancellationToken)
        {
            return wheel;
        }

        lock (_wheelLock)
        {
            // A new token is a new run of this instance; the old wheel is left to end its own sleeps.
            if (_wheel is null || _wheel.CancellationToken != cancellationToken)
            {
                Volatile.Write(ref _wheel, new SleepWheel(Expected, cancellationToken));
            }

            return _wheel!;
        }
    }

    public string Check(IReadOnlyDictionary<int, string> outputs) => WorkloadChecks.AllSay(outputs, Parameters.Tasks, Expected);

    public void Dispose()
    {
        lock (_wheelLock)
        {
            _wheel?.Dispose();
            _wheel = null;
        }
    }
}
