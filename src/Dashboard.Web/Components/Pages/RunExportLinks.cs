namespace Dashboard.Web.Components.Pages;

/// <summary>The live page's export links of a finished run (the REST API's export routes), with what each one is for.</summary>
public static class RunExportLinks
{
    public static IReadOnlyList<(string Label, string Format, string? Query, string Title)> All { get; } =
    [
        ("JSON", Api.ExportFormat.Json, null, "The whole run as JSON (it can be imported again)"),
        ("CSV statistics", Api.ExportFormat.Csv, null, "One row per strategy: medians, spread, speedup"),
        ("CSV spans", Api.ExportFormat.Csv, "table=spans", "One row per task: start, end, duration in seconds (to the microsecond)"),
        ("Markdown", Api.ExportFormat.Markdown, null, "The summary table and the explanation as Markdown"),
        ("Trace for Perfetto", Api.ExportFormat.Trace, null, "A Chrome trace (JSON): open it in Perfetto (ui.perfetto.dev) or speedscope (speedscope.app)"),
    ];
}
