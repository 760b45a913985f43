namespace Dashboard.Engine.Workloads;

/// <summary>
/// The one list of workloads, in the dashboard's order. Every layer asks it what exists and what
/// each workload is; a new workload is its parameters, its task with its
/// <see cref="WorkloadDescriptor"/>, one line here and one <c>JsonDerivedType</c> on
/// <see cref="WorkloadParameters"/> (plus its Python twin).
/// </summary>
public static class WorkloadCatalog
{
    /// <summary>Every workload, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<WorkloadDescriptor> All { get; } =
    [
        GenreWorkload.Descriptor,
        PowerWorkload.Descriptor,
        ScrapeWorkload.Descriptor,
        HelloWorkload.Descriptor,
        GilLoopWorkload.Descriptor,
    ];

    private static readonly Dictionary<string, WorkloadDescriptor> ById = All.ToDictionary(w => w.Id, StringComparer.Ordinal);

    /// <summary>Every workload id, in dashboard order.</summary>
    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(w => w.Id)];

    /// <summary>"genre, power, scrape, hello, gil-loop" for messages that list the ids.</summary>
    public static string IdList => string.Join(", ", Ids);

    /// <summary>The workload with this id, or null.</summary>
    public static WorkloadDescriptor? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>The workload with id <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">Unknown id (the message lists the known ones).</exception>
    public static WorkloadDescriptor Get(string id) =>
        Find(id) ?? throw new ArgumentException($"Unknown workload '{ValueEcho.Short(id)}'. Known: {IdList}.", nameof(id));

    /// <summary>The workload these parameters are for.</summary>
    public static WorkloadDescriptor Of(WorkloadParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Get(parameters.Workload);
    }

    /// <summary>
    /// The ids of the workloads <paramref name="which"/> picks, joined for a sentence ("genre or
    /// scrape", "genre and scrape").
    /// </summary>
    public static string Names(Func<WorkloadDescriptor, bool> which, string conjunction) =>
        ListText.Join([.. All.Where(which).Select(w => w.Id)], conjunction);
}
