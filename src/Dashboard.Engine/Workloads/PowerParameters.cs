using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>i^i for i in [Start, Start + Count). <see cref="Engine"/> null means GMP where present.</summary>
public sealed record PowerParameters(int Start = 1_000_000, int Count = 16, PowerEngine? Engine = null) : WorkloadParameters
{
    public const string WorkloadId = "power";
    public const int MaxStart = 5_000_000;
    public const int MaxCount = 256;

    [JsonIgnore]
    public override string Workload => WorkloadId;

    [JsonIgnore]
    public override int TaskCount => Count;

    public override IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        errors.Range("start", Start, 2, MaxStart);
        errors.Range("count", Count, 1, MaxCount);
        if (Engine is { } engine && !Enum.IsDefined(engine))
        {
            errors.Add("engine", "engine must be 'managed' or 'gmp'.");
        }

        return errors.ToDictionary();
    }
}
