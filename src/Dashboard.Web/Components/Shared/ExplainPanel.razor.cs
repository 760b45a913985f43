using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>The Explain panel: the explainer's sentences for one finished run.</summary>
public sealed partial class ExplainPanel
{
    [Parameter, EditorRequired]
    public IReadOnlyList<string> Sentences { get; set; } = [];
}
