using System.Text.Json.Serialization;

namespace Dashboard.Engine.Workloads;

/// <summary>The GIL lesson: <see cref="Tasks"/> tasks, each adding up 1..<see cref="Steps"/> in a plain loop.</summary>
public sealed record GilLoopParameters(int Tasks = 4, int Steps = 2_000_000) : WorkloadParameters
{
    public const string WorkloadId = "gil-loop";
    public const int MaxTasks = 256;

    /// <summary>About 20 s of one core per task in CPython (100 ns a step on a slow core), well under a second in .NET.</summary>
    public const int MaxSteps = 200_000_000;

    [JsonIgnore]
    public override string Workload => WorkloadId;

    [JsonIgnore]
    public override int TaskCount => Tasks;

    public override IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new ParameterErrors();
        errors.Range("tasks", Tasks, 1, MaxTasks);
        errors.Range("steps", Steps, 1, MaxSteps);
        return errors.ToDictionary();
    }
}
