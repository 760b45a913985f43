using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>GET the random page, parse the first h1, append "title\t" to wiki_titles.tsv.</summary>
public sealed record ScrapeParameters(int Pages = 100) : WorkloadParameters
{
    public const string WorkloadId = "scrape";
    public const int MaxPages = 10_000;

    [JsonIgnore]
    public override string Workload => WorkloadId;

    [JsonIgnore]
    public override int TaskCount => Pages;

    public override IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        errors.Range("pages", Pages, 1, MaxPages);
        return errors.ToDictionary();
    }
}
