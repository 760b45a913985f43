using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using Dashboard.Cluster.Hosting;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>
/// The bench's command and its options, built from the catalogues: --tasks for every workload's
/// count, each workload's own flags, each strategy knob's flag, the ids in the help. System.CommandLine's
/// symbols are definitions that parses only read (validators look at the parse result, never at shared state).
/// </summary>
internal sealed class BenchCli
{
    private const int HelpWidth = 100;

    /// <summary>The workloads' own flags (every field but the task count), each flag once, in dashboard order.</summary>
    public static readonly WorkloadField[] WorkloadFlags = WorkloadCatalog.All
        .SelectMany(w => w.Fields.Where(f => !f.IsCount))
        .DistinctBy(f => f.Flag, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The workloads that call the targets: "genre or scrape" for messages, "genre/scrape" for the help.</summary>
    public static (string Or, string Slash) CallingTargets => Owners(w => w.CallsTargets);

    /// <summary>The workloads whose targets are pages (the page size knob applies to them).</summary>
    public static (string Or, string Slash) CallingPages => Owners(w => w.Target == TargetEndpoint.Pages);

    /// <summary>The workloads with a choice of arithmetic (a CPU calibration applies to them).</summary>
    public static (string Or, string Slash) Calibrating => Owners(w => w.Arithmetic(w.Defaults) is not null);

    /// <summary>The strategies that run on lab nodes (--nodes applies to them).</summary>
    public static string OnNodes => string.Join(" or ", StrategyCatalog.All.Where(d => d.Placement == StrategyPlacement.LabNodes).Select(d => d.Id));

    private static (string Or, string Slash) Owners(Func<WorkloadDescriptor, bool> which) =>
        (WorkloadCatalog.Names(which, "or"), string.Join('/', WorkloadCatalog.All.Where(which).Select(w => w.Id)));

    /// <summary>Numbers in help and messages as the engine writes them: invariant, with thousands separators.</summary>
    public static string Limits(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public readonly Option<string?> Workload = Choice("--workload", "what each task does", WorkloadCatalog.Ids, WorkloadCatalog.Ids[0]);
    public readonly Option<string?> Preset = Choice("--preset", "ready-made parameters of the workload (default: the workload's defaults)", WorkloadPresets.PresetIds, null);
    public readonly Option<int?> Tasks = Number("--tasks", "tasks per strategy: " + string.Join(", ", WorkloadCatalog.All.Select(w =>
        Limits($"{w.Id} {w.CountField.Name} ({w.CountField.Min:N0}-{w.CountField.Max:N0})"))));

    /// <summary>Each workload's own flags (--start, --engine, ...), by flag.</summary>
    public readonly Dictionary<string, Option> Fields = WorkloadFlags.ToDictionary(f => f.Flag, FieldOption, StringComparer.Ordinal);
    public readonly Option<int?> LatencyMs = Number("--latency-ms", Limits($"{CallingTargets.Slash}: latency of the targets in ms (0-{SimulationOptions.MaxLatencyMs:N0}, default genre 280, page 200)"), 0, SimulationOptions.MaxLatencyMs);
    public readonly Option<int?> PageKb = Number("--page-kb", Limits($"{CallingPages.Slash}: page size in KB ({SimulationOptions.MinPageSizeKb}-{SimulationOptions.MaxPageSizeKb:N0}, default 100)"), SimulationOptions.MinPageSizeKb, SimulationOptions.MaxPageSizeKb);
    public readonly Option<string?> TargetUrl = new("--target-url") { HelpName = "url", Description = $"{CallingTargets.Slash}: use these targets, e.g. http://127.0.0.1:5000/sim/" };
    public readonly Option<string> Strategies = new("--strategies")
    {
        HelpName = "a,b,...|all",
        Description = $"comma-separated, each at most once: {StrategyCatalog.IdList} (all = every one but {string.Join(" and ", StrategyCatalog.Ids.Except(StrategyCatalog.DefaultIds))})",
        DefaultValueFactory = _ => "all",
    };
    public readonly Option<string?> Targets = Choice("--targets", $"{CallingTargets.Slash}: simulated (default, a local server) or real (the hosts configured under Lab:RealTargets, behind its allow-list)", LabTargetIds.All, LabTargetIds.Simulated);
    public readonly Option<string?> Runtime = Choice("--runtime",
        $"dotnet, python (the Python twins) or both (each strategy, then its twin; {string.Join(" and ", StrategyCatalog.DefaultIds.Where(s => !PythonTwins.HasTwin(s)))} has none)",
        PythonTwins.RuntimeIds, PythonTwins.DotnetRuntime);

    /// <summary>The strategies' size knobs (--threads, --async-cap, --degree, --processes).</summary>
    public readonly Dictionary<StrategyKnob, Option<int?>> Knobs = StrategyKnobs.All.ToDictionary(k => k, k => Number(k.Flag, k.HelpWithLimits, StrategyKnob.Min, k.Max));
    public readonly Option<string?> Sweep = new("--sweep")
    {
        HelpName = "n,n,...",
        Description = Limits($"run every sized strategy ({SizedText}) at each of these sizes ({StrategySizes.MinSweepSizes}-{StrategySizes.MaxSweepSizes} distinct sizes, each within that strategy's limit), print a table per strategy and fit Amdahl's law"),
    };
    public readonly Option<int?> Nodes = Number("--nodes", Limits($"{OnNodes}: local lab nodes the bench starts (1-{LabClusterOptions.MaxLocalNodes}, default cores)"), 1, LabClusterOptions.MaxLocalNodes);
    public readonly Option<string?> Split = Choice("--split", "processes / async-processes: workers pull tasks one at a time, or each gets a fixed contiguous share (default pull)", ProcessSplit.All, null);
    public readonly Option<int> Repeat = Number("--repeat", Limits($"measured repetitions per strategy (1-{RunPlan.MaxRepeat})"), 1, RunPlan.MaxRepeat, 1);
    public readonly Option<int> Warmup = Number("--warmup", Limits($"unmeasured repetitions first (0-{RunPlan.MaxWarmup})"), 0, RunPlan.MaxWarmup, 0);
    public readonly Option<string?> Json = new("--json") { HelpName = "path", Description = "also write the results as JSON to this file" };
    public readonly Option<bool> Calibrate = new("--calibrate")
    {
        Arity = ArgumentArity.Zero,
        Description = $"{Calibrating.Slash}: first measure this machine's CPU limit (the engine's tasks in 1 worker process, then shared by cores processes at once) and give every strategy's % of it",
    };
    public readonly Option<bool> KeepOutput = new("--keep-output") { Arity = ArgumentArity.Zero, Description = "keep the run's temp output folder" };
    public readonly Option<string?> OutputDir = new("--output-dir")
    {
        HelpName = "path",
        Description = "an existing, writable folder to make the run's output folder in, e.g. /dev/shm (tmpfs) to take file creation off the disk (default: the temp folder's dashboard-bench)",
    };

    public BenchCli()
    {
        Strategies.Validators.Add(ValidateStrategies);
        TargetUrl.Validators.Add(r =>
        {
            if (r.GetValue(TargetUrl) is { } url &&
                (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            {
                r.AddError($"--target-url expects an absolute http(s) address such as http://127.0.0.1:5000/sim/ (got '{url}').");
            }
        });
        OutputDir.Validators.Add(r =>
        {
            if (r.GetValue(OutputDir) is { } folder && (string.IsNullOrWhiteSpace(folder) || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            {
                r.AddError($"--output-dir expects a folder path (got '{folder}').");
            }
        });
        Json.Validators.Add(r =>
        {
            if (r.GetValue(Json) is { } json && (string.IsNullOrWhiteSpace(json) || json.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            {
                r.AddError($"--json expects a file path (got '{json}').");
            }
        });

        var help = new HelpOption();
        help.Action = new BenchHelpAction((HelpAction)help.Action!) { MaxWidth = HelpWidth };
        Command = new Command("bench",
            "Runs one workload with several strategies, one after another, against the simulated targets " +
            "(started in-process on a loopback port unless --target-url), prints a table and optionally JSON. " +
            "Flags may also come from a response file: bench @flags.rsp. \"--\" ends the flags.");
        Option[] options =
        [
            Workload, Preset, Tasks, .. Fields.Values, LatencyMs, PageKb, TargetUrl,
            Strategies, Runtime, Targets, .. Knobs.Values, Split, Sweep, Nodes, Repeat, Warmup, Json, KeepOutput, OutputDir, Calibrate, help,
        ];
        foreach (var option in options)
        {
            Command.Options.Add(option);
        }
    }

    public Command Command { get; }

    private void ValidateStrategies(OptionResult result)
    {
        var text = result.GetValue(Strategies);
        if (text is null or "all")
        {
            return;
        }

        var strategies = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (strategies.Length == 0)
        {
            result.AddError("--strategies needs at least one strategy, or 'all'.");
        }
        else if (strategies.FirstOrDefault(s => !StrategyCatalog.IsKnown(s)) is { } unknown)
        {
            result.AddError($"--strategies unknown strategy '{unknown}' (known: {StrategyCatalog.IdList}, or all).");
        }
    }

    /// <summary>"threadpool workers, async cap, parallel degree, processes": each size knob once, with what it counts.</summary>
    private static string SizedText => string.Join(", ", StrategyCatalog.Sized
        .GroupBy(d => d.Size!.Knob)
        .Select(g => g.Count() == 1 ? $"{g.First().Id} {g.First().Size!.Unit}" : g.First().Size!.Unit));

    /// <summary>The option of one workload field: its owners named first, its bounds checked here when only one workload has it.</summary>
    private static Option FieldOption(WorkloadField field)
    {
        var owners = WorkloadCatalog.All.Where(w => w.Fields.Any(f => f.Flag == field.Flag)).ToList();
        var who = string.Join('/', owners.Select(w => w.Id));
        return field switch
        {
            IntField number when owners.Count == 1 => Number(field.Flag,
                Limits($"{who}: {field.Help} ({number.Min:N0}-{number.Max:N0}, default {number.Get(owners[0].Defaults):N0})"), number.Min, number.Max),
            IntField number => Number(field.Flag, Limits($"{who}: {field.Help} ({number.Min:N0}-{number.Max:N0})")),
            ChoiceField choice => Choice(field.Flag, $"{who}: {field.Help} (default {choice.AutoHelp})", [.. choice.Choices.Select(c => c.Value)], null),
            TextField text => new Option<string?>(field.Flag) { HelpName = "text", Description = $"{who}: {field.Help} (1-{text.MaxLength} characters)" },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.GetType().Name, "Unknown kind of field."),
        };
    }

    private static Option<string?> Choice(string name, string description, IReadOnlyList<string> values, string? defaultValue)
    {
        var option = new Option<string?>(name) { HelpName = string.Join('|', values), Description = description };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.AcceptOnlyFromAmong([.. values]);
        return option;
    }

    /// <summary>A whole-number option; the range is checked here when it does not depend on the workload.</summary>
    private static Option<int?> Number(string name, string description, int? min = null, int? max = null) =>
        new(name) { HelpName = "n", Description = description, CustomParser = r => ParseInt(r, name, min, max) };

    private static Option<int> Number(string name, string description, int min, int max, int defaultValue) =>
        new(name)
        {
            HelpName = "n",
            Description = description,
            CustomParser = r => ParseInt(r, name, min, max) ?? defaultValue,
            DefaultValueFactory = _ => defaultValue,
        };

    private static int? ParseInt(ArgumentResult result, string name, int? min, int? max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} expects a whole number (got '{text}').");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError(Limits($"{name} must be between {min:N0} and {max:N0} (got {value:N0})."));
            return null;
        }

        return value;
    }
}
