using Dashboard.Engine.Findings;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Explain;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The live page's warnings: the Engine's findings over the repetitions the page has folded in so
/// far, from the page's analysis of the run (the run's shared <see cref="RunAnalysisCache"/> entry,
/// one per ended repetition), so they appear as they fire; each opens to its why and what to do.
/// The page hands them down: this component never asks for an analysis of its own.
/// </summary>
public sealed partial class LiveWarnings
{
    /// <summary>The page's folded run (its state says whether the findings are final).</summary>
    [Parameter, EditorRequired]
    public LiveRunModel Model { get; set; } = default!;

    /// <summary>The findings of the page's latest analysis of the run.</summary>
    [Parameter]
    public IReadOnlyList<Finding> Findings { get; set; } = [];
}
