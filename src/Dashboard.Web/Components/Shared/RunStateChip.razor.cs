using Dashboard.Web.Runs.Lifecycle;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>A run's state as a coloured chip.</summary>
public sealed partial class RunStateChip
{
    [Parameter, EditorRequired]
    public RunState State { get; set; }

    /// <summary>Shown after the state, e.g. "#2 in queue".</summary>
    [Parameter]
    public string? Note { get; set; }

    private string Label => Note is null ? RunLifecycle.ToLabel(State) : $"{RunLifecycle.ToLabel(State)} · {Note}";

    private Color StateColor => State switch
    {
        RunState.Queued => Color.Default,
        RunState.Running => Color.Info,
        RunState.Completed => Color.Success,
        RunState.Cancelled => Color.Warning,
        RunState.TimedOut => Color.Warning,
        _ => Color.Error,
    };

    private string StateIcon => State switch
    {
        RunState.Queued => Icons.Material.Filled.HourglassTop,
        RunState.Running => Icons.Material.Filled.PlayCircle,
        RunState.Completed => Icons.Material.Filled.CheckCircle,
        RunState.Cancelled => Icons.Material.Filled.Cancel,
        RunState.TimedOut => Icons.Material.Filled.TimerOff,
        _ => Icons.Material.Filled.Error,
    };
}
