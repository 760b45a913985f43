using System.Globalization;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Explain;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>How a workload looks on the pages: icon, kind chip, the tutorial's figures in one line.</summary>
public static class WorkloadVisuals
{
    public static string Icon(string workload) => workload switch
    {
        GenreParameters.WorkloadId => Icons.Material.Filled.MusicNote,
        PowerParameters.WorkloadId => Icons.Material.Filled.Functions,
        ScrapeParameters.WorkloadId => Icons.Material.Filled.Article,
        _ => Icons.Material.Filled.WavingHand,
    };

    public static Color KindColor(WorkloadKind kind) => kind switch
    {
        WorkloadKind.IoBound => Color.Info,
        WorkloadKind.CpuBound => Color.Warning,
        _ => Color.Secondary,
    };

    public static string KindLabel(WorkloadKind kind) => kind switch
    {
        WorkloadKind.IoBound => "I/O-bound",
        WorkloadKind.CpuBound => "CPU-bound",
        _ => "mixed",
    };

    /// <summary>"tutorial, 5 tasks: sequential 1.42 s · threading 0.77 s · asyncio 0.71 s".</summary>
    public static string Reference(WorkloadInfo info) => info.TutorialFigures.Count == 0
        ? "tutorial: one greeting that waits 2 s, the example for testing async code"
        : string.Create(CultureInfo.InvariantCulture,
            $"tutorial, {info.TutorialTasks} tasks: {string.Join(" · ", info.TutorialFigures.Select(f => $"{f.TutorialLabel} {f.Seconds:0.00} s"))}");

    /// <summary>"100 pages", "16 powers from 1,000,000", "10 greetings, 100 ms".</summary>
    public static string Describe(WorkloadParameters parameters) => parameters switch
    {
        GenreParameters g => Fmt.Plural(g.Tasks, "genre call", "genre calls"),
        PowerParameters p => string.Create(CultureInfo.InvariantCulture,
            $"{Fmt.Plural(p.Count, "power", "powers")} from {p.Start:N0}{(p.Engine is { } e ? $" ({e.ToString().ToLowerInvariant()})" : "")}"),
        ScrapeParameters s => Fmt.Plural(s.Pages, "page", "pages"),
        HelloParameters h => string.Create(CultureInfo.InvariantCulture, $"{Fmt.Plural(h.Tasks, "greeting", "greetings")}, {h.DelayMs:N0} ms wait"),
        _ => Fmt.Plural(parameters.TaskCount, "task", "tasks"),
    };
}
