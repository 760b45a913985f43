using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>GET a genre from the genre target, write it to new_file{i}.txt.</summary>
public sealed record GenreParameters(int Tasks = 5) : WorkloadParameters
{
    public const string WorkloadId = "genre";
    public const int MaxTasks = 10_000;

    [JsonIgnore]
    public override string Workload => WorkloadId;

    [JsonIgnore]
    public override int TaskCount => Tasks;

    public override IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        errors.Range("tasks", Tasks, 1, MaxTasks);
        return errors.ToDictionary();
    }
}
