using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// The typed, validated parameters of one workload. Serialised as JSON with a "workload"
/// discriminator so a worker process receives exactly what the parent validated.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "workload")]
[JsonDerivedType(typeof(GenreParameters), GenreParameters.WorkloadId)]
[JsonDerivedType(typeof(PowerParameters), PowerParameters.WorkloadId)]
[JsonDerivedType(typeof(ScrapeParameters), ScrapeParameters.WorkloadId)]
[JsonDerivedType(typeof(HelloParameters), HelloParameters.WorkloadId)]
[JsonDerivedType(typeof(GilLoopParameters), GilLoopParameters.WorkloadId)]
public abstract record WorkloadParameters
{
    /// <summary>The workload id (<see cref="WorkloadCatalog.IdList"/>).</summary>
    [JsonIgnore]
    public abstract string Workload { get; }

    /// <summary>How many tasks one strategy repetition runs.</summary>
    [JsonIgnore]
    public abstract int TaskCount { get; }

    /// <summary>
    /// Problems with these parameters, keyed by the camelCase field name (as in the REST API and
    /// the bench flags); empty when valid.
    /// </summary>
    public abstract IReadOnlyDictionary<string, string[]> Validate();
}
