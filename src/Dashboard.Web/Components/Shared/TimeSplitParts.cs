namespace Dashboard.Web.Components.Shared;

/// <summary>The parts of a time split in the order the bars stack them (the Engine README defines each).</summary>
public static class TimeSplitParts
{
    public static IReadOnlyList<TimeSplitPart> All { get; } =
    [
        new("cpu", "on a core running a task", "split-cpu", s => s.Cpu, true),
        new("ready", "runnable, waiting for a core or the GIL", "split-ready", s => s.Ready, true),
        new("wait", "I/O, timers, locks", "split-wait", s => s.Wait, true),
        new("start-up", "starting processes or interpreters", "split-startup", s => s.Startup, false),
        new("transfer", "tasks and results between processes", "split-transfer", s => s.Transfer, false),
    ];
}
