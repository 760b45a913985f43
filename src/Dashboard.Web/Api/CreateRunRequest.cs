namespace Dashboard.Web.Api;

/// <summary>
/// The body of POST /api/runs (documents the shape; the handler reads the JSON itself so every
/// mistake, wrong types included, is reported against its field).
/// </summary>
/// <param name="Workload">genre, power, scrape or hello.</param>
/// <param name="Tasks">Tasks per strategy repetition: genre tasks, power count, scrape pages, hello tasks.</param>
/// <param name="Strategies">Strategy ids; default all seven.</param>
/// <param name="Repeat">Measured repetitions per strategy (default 1).</param>
/// <param name="Warmup">Unmeasured repetitions first (default 0).</param>
/// <param name="Preset">tutorial, quick or stress: the workload's ready-made parameters, before the other fields apply.</param>
/// <param name="Label">A name for the run in the history.</param>
/// <param name="Runtime">dotnet (default), python (the Python twins) or both (each strategy in .NET, then its twin).</param>
/// <param name="Targets">
/// simulated (default: this app's /sim/) or real (the genre/scrape addresses configured under
/// Lab:RealTargets). Only a choice: no request can give an address.
/// </param>
/// <param name="Output">
/// disk (default: under the data folder, like the tutorial) or memory (a tmpfs folder, Dashboard:MemoryOutputs):
/// where the workload's files go. Only a choice: no request can give a path.
/// </param>
/// <param name="Options">
/// The bench flags in camelCase: start, engine (power); delayMs, name (hello); preset; threads,
/// asyncCap, degree, processes (strategies).
/// </param>
public sealed record CreateRunRequest(
    string Workload,
    int? Tasks = null,
    IReadOnlyList<string>? Strategies = null,
    int? Repeat = null,
    int? Warmup = null,
    string? Preset = null,
    string? Label = null,
    CreateRunOptions? Options = null,
    string? Runtime = null,
    string? Targets = null,
    string? Output = null);
