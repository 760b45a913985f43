namespace Dashboard.Engine.Workloads;

/// <summary>
/// One parameter of a workload as every layer names it: the validation key and API field, the
/// bench's flag, the Run page's label, the bench's help. <see cref="IntField"/>,
/// <see cref="TextField"/> and <see cref="ChoiceField"/> add its limits and how to read and set it.
/// </summary>
public abstract record WorkloadField
{
    /// <summary>The API's name of <see cref="IsCount"/> fields, at the top level of a request.</summary>
    public const string CountName = "tasks";

    /// <summary>The parameters record's validation key ("count", "delayMs"); the API's <c>options.*</c> name of the other fields.</summary>
    public required string Name { get; init; }

    /// <summary>The bench's flag ("--delay-ms").</summary>
    public required string Flag { get; init; }

    /// <summary>The Run page's label ("Wait (ms)").</summary>
    public required string Label { get; init; }

    /// <summary>What it sets, for the bench's help ("wait per task in ms").</summary>
    public required string Help { get; init; }

    /// <summary>True for the workload's task count: "tasks" in the API and --tasks in the bench, whatever its own name.</summary>
    public bool IsCount { get; init; }

    /// <summary>The Run page's field id (data-test "field-{id}"); <see cref="Name"/> unless set.</summary>
    public string? FormId { get; init; }

    /// <summary>The Run page's field id.</summary>
    public string FormKey => FormId ?? Name;

    /// <summary>The field's name in a request: <see cref="CountName"/> for the count, else "options." + <see cref="Name"/>.</summary>
    public string RequestName => IsCount ? CountName : "options." + Name;
}
