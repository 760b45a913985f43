using System.Diagnostics;
using Dashboard.Cluster.Grains;
using Dashboard.Engine.Running;
using Microsoft.Extensions.Logging;

namespace Dashboard.Cluster.Nodes;

/// <summary>
/// Times the turn each incoming grain call starts with on this node: from handing the call to the
/// grain until the grain method first yields (an await that is not complete) or returns. That turn
/// holds the activation and one of the node's pool threads; a grain that blocks (Thread.Sleep,
/// .Result) keeps it for the whole wait. A turn of <see cref="RuntimeEvents.LongTurnMs"/> or more is
/// logged, and a task call's <see cref="TaskOutcome"/> carries it back to the app
/// (<see cref="TaskOutcome.LongTurnSeconds"/>), which adds the repetition's up in its runtime events.
/// </summary>
/// <remarks>
/// Only the first turn: a filter sees the call, not the turns after each await. The task grain's
/// later turns are its resumption after <c>Task.Run</c> (microseconds) or, in the lesson, none.
/// </remarks>
internal sealed class LongTurnFilter(ILogger<LongTurnFilter> logger) : IIncomingGrainCallFilter
{
    private static readonly long LongTurnTicks = RuntimeEvents.LongTurnMs * Stopwatch.Frequency / 1_000;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var start = Stopwatch.GetTimestamp();

        // Orleans runs the grain method synchronously inside Invoke up to its first yield.
        var call = context.Invoke();
        var turn = Stopwatch.GetTimestamp() - start;
        await call;
        if (turn < LongTurnTicks)
        {
            return;
        }

        var seconds = Math.Round((double)turn / Stopwatch.Frequency, 6);
        logger.LogWarning("Long grain turn: {Method} on {Grain} held its thread for {TurnMs:F0} ms before yielding",
            context.MethodName, context.TargetId, seconds * 1_000);
        if (context.Result is TaskOutcome outcome)
        {
            context.Result = outcome with { LongTurnSeconds = seconds };
        }
    }
}
