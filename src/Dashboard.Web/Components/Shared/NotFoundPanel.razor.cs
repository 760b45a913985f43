using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// What was not found, why that may be, and the way back (a new run, or History): an address under
/// /runs/ names the run it asked for, anything else is a page not found.
/// </summary>
public sealed partial class NotFoundPanel
{
    private string? _run;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The request while prerendering: a re-executed one (an unknown address) keeps its original path there.</summary>
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    protected override void OnParametersSet()
    {
        var path = HttpContext?.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? new Uri(Navigation.Uri).AbsolutePath;
        var id = path.StartsWith("/runs/", StringComparison.Ordinal) ? Uri.UnescapeDataString(path["/runs/".Length..]) : null;
        // Only a plain id is repeated on the page (at most 20 characters, no markup to worry about either way).
        _run = id is { Length: > 0 and <= 20 } && !id.Contains('/', StringComparison.Ordinal) ? id : null;
    }
}
