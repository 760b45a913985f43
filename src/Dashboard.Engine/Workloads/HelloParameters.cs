using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>The tutorial's say_hello: wait <see cref="DelayMs"/>, then greet <see cref="Name"/>.</summary>
public sealed record HelloParameters(int Tasks = 10, string Name = "Robert Paulson", int DelayMs = 2_000) : WorkloadParameters
{
    public const string WorkloadId = "hello";
    public const int MaxTasks = 1_000_000;
    public const int MaxDelayMs = 60_000;
    public const int MaxNameLength = 200;

    [JsonIgnore]
    public override string Workload => WorkloadId;

    [JsonIgnore]
    public override int TaskCount => Tasks;

    public override IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        errors.Range("tasks", Tasks, 1, MaxTasks);
        errors.Range("delayMs", DelayMs, 0, MaxDelayMs);
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("name", "name must not be empty.");
        }
        else if (Name.Length > MaxNameLength)
        {
            errors.Add("name", $"name must be at most {MaxNameLength} characters.");
        }

        return errors.ToDictionary();
    }
}
