using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>The "?" that explains one glossary word in place and links to its entry.</summary>
public sealed partial class TermHelp
{
    private GlossaryTerm _term = default!;

    /// <summary>The glossary id (<see cref="Glossary"/>'s constants).</summary>
    [Parameter, EditorRequired]
    public string Term { get; set; } = default!;

    protected override void OnParametersSet() => _term = Glossary.Get(Term);
}
