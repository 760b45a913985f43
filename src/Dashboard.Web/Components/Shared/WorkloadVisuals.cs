using System.Globalization;
using System.Reflection;
using Dashboard.Engine.Workloads;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>How a workload looks on the pages: its descriptor's icon, the kind chip, the tutorial's figures in one line.</summary>
public static class WorkloadVisuals
{
    /// <summary>The Material icon a descriptor names ("MusicNote"); a generic one for a name MudBlazor does not have.</summary>
    public static string Icon(string workload) =>
        WorkloadCatalog.Find(workload) is { } descriptor && IconNamed(descriptor.Icon) is { } icon ? icon : Icons.Material.Filled.Extension;

    /// <summary>MudBlazor's filled Material icon of this name, or null.</summary>
    public static string? IconNamed(string name) =>
        typeof(Icons.Material.Filled).GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;

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

    /// <summary>"tutorial, 5 tasks: sequential 1.42 s · threading 0.77 s · asyncio 0.71 s", or the workload's own note.</summary>
    public static string Reference(WorkloadDescriptor workload) => workload.TutorialFigures.Count == 0
        ? workload.TutorialNote ?? ""
        : string.Create(CultureInfo.InvariantCulture,
            $"tutorial, {workload.TutorialTasks} tasks: {string.Join(" · ", workload.TutorialFigures.Select(f => $"{f.TutorialLabel} {f.Seconds:0.00} s"))}");

    /// <summary>"100 pages", "16 powers from 1,000,000", "10 greetings, 100 ms wait".</summary>
    public static string Describe(WorkloadParameters parameters) => WorkloadCatalog.Of(parameters).Describe(parameters);
}
