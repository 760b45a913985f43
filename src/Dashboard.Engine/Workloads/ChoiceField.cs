namespace Dashboard.Engine.Workloads;

/// <summary>
/// A parameter that takes one of a few values, or none ("auto": the workload decides). A preset
/// keeps what a person chose here: presets set sizes, not choices.
/// </summary>
public abstract record ChoiceField : WorkloadField
{
    /// <summary>The Run page's value for "none chosen".</summary>
    public const string Auto = "auto";

    public required IReadOnlyList<FieldChoice> Choices { get; init; }

    /// <summary>What "none chosen" means, as the Run page labels it ("GMP where present").</summary>
    public required string AutoLabel { get; init; }

    /// <summary>What "none chosen" means, for the bench's help ("gmp where present").</summary>
    public required string AutoHelp { get; init; }

    /// <summary>The chosen value, or null for none.</summary>
    public abstract string? Get(WorkloadParameters parameters);

    /// <summary><paramref name="parameters"/> with <paramref name="value"/> chosen (null: none); an unknown value throws.</summary>
    public abstract WorkloadParameters With(WorkloadParameters parameters, string? value);

    public bool Accepts(string value) => Choices.Any(c => c.Value == value);

    /// <summary>"'managed' or 'gmp'".</summary>
    public string ChoiceList => string.Join(" or ", Choices.Select(c => $"'{c.Value}'"));
}
