namespace Dashboard.Engine.Workloads;

/// <summary>
/// Everything the dashboard knows about one workload besides its task: its card (title, lesson,
/// kind, icon, the tutorial's figures), what it reaches (targets, output files), its parameters
/// with their limits and presets, its cost for the run budget, and the facts Explain uses.
/// <see cref="WorkloadCatalog"/> lists them; the API, the Run page, the bench, the budget, limits,
/// Explain and the worker processes read them instead of switching on parameter types.
/// </summary>
public abstract record WorkloadDescriptor
{
    /// <summary>The id plans, the API, the bench and stored runs use ("genre").</summary>
    public required string Id { get; init; }

    /// <summary>The card's title ("Genre I/O").</summary>
    public required string Title { get; init; }

    /// <summary>The card's first line: what one task does.</summary>
    public required string Summary { get; init; }

    /// <summary>The card's second line: what the strategies show on it.</summary>
    public required string Lesson { get; init; }

    /// <summary>What its tasks mostly spend their time on.</summary>
    public required WorkloadKind Kind { get; init; }

    /// <summary>
    /// True when its async form is one wait with nothing after it (hello's sleep on the run's shared
    /// timer): the task loop then knows where each task's segments are (from its start to the
    /// pending wait, and from the wait's continuation to its end) and follows them itself, with no
    /// AsyncLocal (and so no execution context) per task. False: the segments are followed through
    /// <see cref="Running.TaskFlow"/>'s AsyncLocal, whatever the async form awaits.
    /// </summary>
    public bool AsyncIsOneWait { get; init; }

    /// <summary>The card's icon: the name of a Material icon ("MusicNote").</summary>
    public required string Icon { get; init; }

    /// <summary>How many tasks the tutorial's figures are for.</summary>
    public int TutorialTasks { get; init; }

    /// <summary>The tutorial's own timings (8-core laptop, real internet), mapped to our strategies.</summary>
    public IReadOnlyList<TutorialFigure> TutorialFigures { get; init; } = [];

    /// <summary>The card's reference line when the tutorial gave no figures.</summary>
    public string? TutorialNote { get; init; }

    /// <summary>The targets its tasks call; null when it calls none.</summary>
    public TargetEndpoint? Target { get; init; }

    /// <summary>True when its tasks call the targets (it then needs a target address, and may run against the real ones).</summary>
    public bool CallsTargets => Target is not null;

    /// <summary>True when its tasks write files (it then needs an output folder, on disk or in memory).</summary>
    public bool WritesOutputs { get; init; }

    /// <summary>True when src/twins/python has its twin.</summary>
    public bool HasPythonTwin { get; init; } = true;

    /// <summary>Its parameters, in the Run page's order; exactly one is the task count.</summary>
    public required IReadOnlyList<WorkloadField> Fields { get; init; }

    /// <summary>The task count's field.</summary>
    public IntField CountField => Fields.OfType<IntField>().Single(f => f.IsCount);

    /// <summary>Its parameters type.</summary>
    public abstract Type ParametersType { get; }

    /// <summary>Its parameters when none are given.</summary>
    public abstract WorkloadParameters Defaults { get; }

    /// <summary>Its presets (tutorial, quick, stress).</summary>
    public abstract IReadOnlyList<WorkloadPreset> Presets { get; }

    /// <summary>"100 pages", "16 powers from 1,000,000 (gmp)".</summary>
    public abstract string Describe(WorkloadParameters parameters);

    /// <summary>A wait its parameters set per task (hello's delay), in seconds; null when the wait is the targets' or there is none.</summary>
    public abstract double? WaitSeconds(WorkloadParameters parameters);

    /// <summary>Its tasks' seconds run one after another (the run budget's unit), and what the figure rests on.</summary>
    public abstract WorkloadEstimate Estimate(WorkloadParameters parameters, CostInput input);

    /// <summary>The arithmetic its CPU work uses, resolved on this machine; null for workloads without that choice.</summary>
    public abstract PowerEngine? Arithmetic(WorkloadParameters parameters);

    /// <summary>
    /// What system time (the kernel's share of the CPU) means for it, given where its files went
    /// (<paramref name="place"/>: "on ext4") and whether that was memory; null for the general case.
    /// </summary>
    public abstract string? SystemTimeNote(WorkloadParameters parameters, string place, bool inMemory);

    /// <summary>What a repetition leaves in its output folder at most.</summary>
    public abstract OutputFiles Outputs(WorkloadParameters parameters);

    /// <summary>Creates its task for validated parameters.</summary>
    internal abstract IWorkload Create(WorkloadParameters parameters, WorkloadEnvironment environment, GmpAvailability gmp);

    /// <summary>Adds what keeps these parameters from running on this host (beyond their own limits).</summary>
    internal abstract void CheckHost(WorkloadParameters parameters, GmpAvailability gmp, ParameterErrors errors);
}
