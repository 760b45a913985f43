using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The Explain panel: the explainer's lines for one finished run, best first; the first
/// <see cref="Explain.RunExplainer.Shown"/> in view, the rest under "more". Each line shows the rule
/// and the figures it came from; a finding links to its why and what to do.
/// </summary>
public sealed partial class ExplainPanel
{
    [Parameter, EditorRequired]
    public IReadOnlyList<Explain.ExplainItem> Items { get; set; } = [];
}
