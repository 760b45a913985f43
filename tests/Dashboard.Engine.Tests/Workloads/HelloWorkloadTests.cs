using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

public sealed class HelloWorkloadTests
{
    private static readonly WorkloadEnvironment NoEnvironment = new("", "");

    [Fact]
    public async Task RunAndRunAsync_EveryTask_GreetTheName()
    {
        using var workload = WorkloadFactory.Create(new HelloParameters(Tasks: 4, Name: "Seven of Nine", DelayMs: 5), NoEnvironment);
        workload.Prepare();

        var outputs = new Dictionary<int, string>
        {
            [0] = workload.Run(new TaskContext(0, null, CancellationToken.None)),
            [1] = workload.Run(new TaskContext(1, null, CancellationToken.None)),
            [2] = await workload.RunAsync(new TaskContext(2, null, CancellationToken.None)),
            [3] = await workload.RunAsync(new TaskContext(3, null, CancellationToken.None)),
        };

        Assert.All(outputs.Values, o => Assert.Equal("Hello, Seven of Nine!", o));
        Assert.Equal("ok", workload.Check(outputs));
    }

    [Fact]
    public void Check_WrongGreeting_SaysWhichTask()
    {
        using var workload = WorkloadFactory.Create(new HelloParameters(Tasks: 3, Name: "Robert Paulson"), NoEnvironment);

        var check = workload.Check(new Dictionary<int, string> { [0] = "Hello, Robert Paulson!", [2] = "Hello, Tyler!" });

        Assert.Equal("task 2 said \"Hello, Tyler!\" instead of \"Hello, Robert Paulson!\".", check);
    }

    [Fact]
    public void Check_TaskOutsideTheRun_IsReported()
    {
        using var workload = WorkloadFactory.Create(new HelloParameters(Tasks: 3), NoEnvironment);

        var check = workload.Check(new Dictionary<int, string> { [3] = "Hello, Robert Paulson!" });

        Assert.Equal("task 3 is outside 0..2.", check);
    }

    [Fact]
    public void Run_TaskIndexOutsideTheRun_Throws()
    {
        using var workload = WorkloadFactory.Create(new HelloParameters(Tasks: 3, DelayMs: 0), NoEnvironment);

        Assert.Throws<ArgumentOutOfRangeException>(() => workload.Run(new TaskContext(3, null, CancellationToken.None)));
        Assert.Throws<ArgumentOutOfRangeException>(() => workload.Run(new TaskContext(-1, null, CancellationToken.None)));
    }
}
