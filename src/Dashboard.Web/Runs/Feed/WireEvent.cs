using System.Text.Json.Serialization;
using Dashboard.Engine.Running;
using Dashboard.Web.Runs.Lifecycle;

namespace Dashboard.Web.Runs.Feed;

/// <summary>
/// One lab event as it travels to browsers and SignalR clients (compact, JSON-friendly).
/// <paramref name="Seq"/> numbers a run's events 1, 2, 3, ... so a late joiner can tell what it has.
/// <paramref name="Type"/>: "strategy-started", "task", "strategy-completed", "counters" (one
/// <see cref="CounterSample"/> in <paramref name="Counters"/>, Time = its T) or "tally" (a large
/// run's aggregated tasks: <paramref name="Tally"/> counts one time bucket, Task = the bucket's
/// index, Time = its start; see <see cref="TaskTallies"/>).
/// <paramref name="Time"/>: seconds since the strategy repetition started.
/// <paramref name="WallMs"/>: Unix milliseconds of the event (for event-to-screen latency).
/// <paramref name="Task"/> is -1 on strategy events. <paramref name="Node"/> is the lab node (silo
/// name) of a cluster task. In JSON, Detail, TaskCount, Result and Node are left out when null
/// (thousands of task events per second; every byte counts).
/// </summary>
public sealed record WireEvent(
    long Seq,
    string Type,
    string Strategy,
    int Repetition,
    int Task,
    string? Kind,
    double Time,
    double WallMs,
    string? Lane,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TaskCount = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StrategyResult? Result = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Node = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CounterSample? Counters = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TaskTally? Tally = null);
