namespace Dashboard.Web.Components.Shared;

/// <summary>The parts of a time split in the order the bars stack them (the Engine README defines each).</summary>
public static class TimeSplitParts
{
    public static IReadOnlyList<TimeSplitPart> All { get; } =
    [
        new("cpu", "CPU", "on a core, running the task", "split-cpu", s => s.Cpu, true),
        new("ready", "Ready", "could run, but had not: waited for a core, or its wait was over and its continuation not yet run (Python threads: the GIL)", "split-ready", s => s.Ready, true),
        new("wait", "Waiting", "for I/O, timers or locks", "split-wait", s => s.Wait, true),
        new("startup", "Start-up", "starting worker processes or interpreters", "split-startup", s => s.Startup, false),
        new("transfer", "Transfer", "tasks and results travelling between processes", "split-transfer", s => s.Transfer, false),
    ];
}
