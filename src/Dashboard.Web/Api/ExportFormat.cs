namespace Dashboard.Web.Api;

/// <summary>The formats of GET /api/runs/{id}/export/{format}.</summary>
public static class ExportFormat
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Markdown = "md";
    public const string Trace = "trace";
    public const string Otlp = "otlp";

    public static IReadOnlyList<string> All { get; } = [Json, Csv, Markdown, Trace, Otlp];
}
