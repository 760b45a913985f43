using System.Threading.Channels;
using Dashboard.Engine.Running;
using Dashboard.Engine.Workloads;

namespace Dashboard.Web.Tests.Runs;

/// <summary>One run of <see cref="ScriptedLabRunner"/>: the test writes its events and ends it.</summary>
public sealed class ScriptedRun
{
    private readonly Channel<LabEvent> _events = Channel.CreateUnbounded<LabEvent>();
    private readonly TaskCompletionSource<RunResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _ended;
    private int _endedOnce;

    public ScriptedRun(RunPlan plan, WorkloadEnvironment environment, Action ended, CancellationToken cancellationToken)
    {
        Plan = plan;
        Environment = environment;
        Token = cancellationToken;
        _ended = ended;
        LabRun = new LabRun(_events.Reader.ReadAllAsync(CancellationToken.None), _completion.Task);
        cancellationToken.Register(() => End(new RunResult(plan.Parameters, [], Cancelled: true)));
    }

    public RunPlan Plan { get; }

    public WorkloadEnvironment Environment { get; }

    public CancellationToken Token { get; }

    public LabRun LabRun { get; }

    public void Write(LabEvent labEvent) => _events.Writer.TryWrite(labEvent);

    public void Complete(IReadOnlyList<StrategyResult>? results = null) =>
        End(new RunResult(Plan.Parameters, results ?? [], Cancelled: false));

    private void End(RunResult result)
    {
        if (Interlocked.Exchange(ref _endedOnce, 1) == 1)
        {
            return;
        }

        _ended();
        _events.Writer.TryComplete();
        _completion.TrySetResult(result);
    }
}
