using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using Dashboard.Cluster.Hosting;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>
/// The bench's command line on System.CommandLine: "--flag value" or "--flag=value", @file response
/// files, "--" ends the options (the bench takes no arguments, so anything after it is an error),
/// help with every limit, typo suggestions for misspelt flags. Checks that need several flags
/// (which workload a flag applies to, the run plan's limits) run after parsing; every mistake is a
/// <see cref="BenchUsageException"/> whose message starts "bench: ".
/// </summary>
public static class BenchArgumentParser
{
    /// <summary>Validation fields (camelCase, from the engine) and the flag that sets each.</summary>
    private static readonly Dictionary<string, string> FlagOfField = WorkloadCatalog.All
        .SelectMany(w => w.Fields)
        .Select(f => (Field: f.Name, Flag: f.Flag))
        .Concat(StrategyKnobs.All.Select(k => (Field: k.Field, Flag: k.Flag)))
        .Concat(new (string Field, string Flag)[] { ("repeat", "--repeat"), ("warmup", "--warmup"), ("strategies", "--strategies"), ("processSplit", "--split"), ("sweep", "--sweep") })
        .DistinctBy(p => p.Field, StringComparer.Ordinal)
        .ToDictionary(p => p.Field, p => p.Flag, StringComparer.Ordinal);

    /// <summary>The workloads' own flags (every field but the task count), each flag once, in dashboard order.</summary>
    private static readonly WorkloadField[] WorkloadFlags = WorkloadCatalog.All
        .SelectMany(w => w.Fields.Where(f => !f.IsCount))
        .DistinctBy(f => f.Flag, StringComparer.Ordinal)
        .ToArray();

    private const int HelpWidth = 100;

    /// <summary>The exit codes as the help lists them, from <see cref="BenchCommand"/>'s constants.</summary>
    public static string ExitCodesText { get; } = string.Join('\n',
        "Exit codes:",
        Limits($"  {BenchCommand.ExitOk,-4} all tasks ok and outputs checked"),
        Limits($"  {BenchCommand.ExitFailed,-4} a task or an output check failed"),
        Limits($"  {BenchCommand.ExitUsage,-4} bad flags or values (the message names the flag)"),
        Limits($"  {BenchCommand.ExitCouldNotStart,-4} the run could not start (targets not usable)"),
        Limits($"  {BenchCommand.ExitCancelled,-4} cancelled (Ctrl+C)"));

    /// <summary>
    /// The options, built once: System.CommandLine's symbols are definitions that parses only read
    /// (validators look at the parse result, never at shared state).
    /// </summary>
    private static readonly BenchCli Cli = new();

    /// <summary>The bench command, for help and for callers that invoke it.</summary>
    public static Command Command => Cli.Command;

    /// <summary>Parses <paramref name="args"/> (without the leading "bench") with the bench's command.</summary>
    public static ParseResult ParseCommandLine(IReadOnlyList<string> args) => Cli.Command.Parse(args);

    /// <summary>True when the arguments ask for help (then nothing else is checked).</summary>
    public static bool WantsHelp(ParseResult result) => result.Action is BenchHelpAction;

    /// <summary>Parses and checks <paramref name="args"/> (without the leading "bench").</summary>
    /// <exception cref="BenchUsageException">A flag or value is wrong; the message says which.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args) => Bind(ParseCommandLine(args));

    /// <summary>Checks a parsed command line and turns it into <see cref="BenchOptions"/>.</summary>
    /// <exception cref="BenchUsageException">A flag or value is wrong; the message says which.</exception>
    public static BenchOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Errors.Count > 0)
        {
            throw new BenchUsageException(DescribeErrors(result));
        }

        var cli = Cli;
        var workload = WorkloadCatalog.Get(result.GetValue(cli.Workload)!);
        var parameters = BaseParameters(workload, result.GetValue(cli.Preset));
        parameters = ApplyWorkloadFlags(workload, parameters, result, cli);

        var strategies = ParseStrategies(result.GetValue(cli.Strategies)!);
        var options = new StrategyOptions(ProcessSplit: result.GetValue(cli.Split));
        foreach (var knob in StrategyKnobs.All)
        {
            options = knob.With(options, result.GetValue(cli.Knobs[knob]));
        }
        var repeat = result.GetValue(cli.Repeat);
        var warmup = result.GetValue(cli.Warmup);

        if (!PythonTwins.TryParseRuntime(result.GetValue(cli.Runtime), out var runtime))
        {
            throw Usage("--runtime", $"must be one of {string.Join(", ", PythonTwins.RuntimeIds)}.");
        }

        if (!LabTargetIds.TryParse(result.GetValue(cli.Targets), out var targets))
        {
            throw Usage("--targets", $"must be one of {string.Join(", ", LabTargetIds.All)}.");
        }

        if (!StrategySizes.TryParseList(result.GetValue(cli.Sweep), out var sweep, out var sweepError))
        {
            throw Usage("--sweep", sweepError!);
        }

        var plan = new RunPlan(parameters, strategies, repeat, warmup, options, runtime, targets, sweep.Count == 0 ? null : sweep);
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            var (field, messages) = errors.First();
            throw Usage(FlagOfField.GetValueOrDefault(field, "--" + field), string.Join(" ", messages));
        }

        var latency = result.GetValue(cli.LatencyMs);
        RequireWorkload(workload.CallsTargets || latency is null, "--latency-ms", CallingTargets.Or);
        var pageKb = result.GetValue(cli.PageKb);
        RequireWorkload(workload.Target == TargetEndpoint.Pages || pageKb is null, "--page-kb", CallingPages.Or);

        var targetUrl = result.GetValue(cli.TargetUrl);
        if (targetUrl is not null)
        {
            RequireWorkload(workload.CallsTargets, "--target-url", CallingTargets.Or);
            if (targets == LabTargets.Real)
            {
                throw Usage("--target-url", "cannot go with --targets real (the real targets come from Lab:RealTargets).");
            }

            targetUrl = targetUrl.EndsWith('/') ? targetUrl : targetUrl + "/";
        }

        var nodes = result.GetValue(cli.Nodes);
        if (nodes is not null && !strategies.Any(s => StrategyCatalog.Get(s).Placement == StrategyPlacement.LabNodes))
        {
            throw Usage("--nodes", $"applies to --strategies with {OnNodes} only.");
        }

        return new BenchOptions(parameters, strategies, repeat, warmup, options, latency, pageKb,
            result.GetValue(cli.Json), targetUrl, result.GetValue(cli.KeepOutput), runtime, nodes,
            Calibrate(workload, parameters, result.GetValue(cli.Calibrate)), targets, OutputDir(result.GetValue(cli.OutputDir)), plan.Sweep);
    }

    /// <summary>The --output-dir folder, made absolute; it must exist (the bench makes only its run's folder inside).</summary>
    private static string? OutputDir(string? folder)
    {
        if (folder is null)
        {
            return null;
        }

        var full = Path.GetFullPath(folder);
        return Directory.Exists(full)
            ? full
            : throw Usage("--output-dir", $"'{folder}' is not an existing folder (the bench makes the run's own folder inside it).");
    }

    private static bool Calibrate(WorkloadDescriptor workload, WorkloadParameters parameters, bool calibrate)
    {
        RequireWorkload(workload.Arithmetic(parameters) is not null || !calibrate, "--calibrate", Calibrating.Or);
        return calibrate;
    }

    /// <summary>The workloads that call the targets: "genre or scrape" for messages, "genre/scrape" for the help.</summary>
    private static (string Or, string Slash) CallingTargets => Owners(w => w.CallsTargets);

    /// <summary>The workloads whose targets are pages (the page size knob applies to them).</summary>
    private static (string Or, string Slash) CallingPages => Owners(w => w.Target == TargetEndpoint.Pages);

    /// <summary>The workloads with a choice of arithmetic (a CPU calibration applies to them).</summary>
    private static (string Or, string Slash) Calibrating => Owners(w => w.Arithmetic(w.Defaults) is not null);

    /// <summary>The strategies that run on lab nodes (--nodes applies to them).</summary>
    private static string OnNodes => string.Join(" or ", StrategyCatalog.All.Where(d => d.Placement == StrategyPlacement.LabNodes).Select(d => d.Id));

    private static (string Or, string Slash) Owners(Func<WorkloadDescriptor, bool> which) =>
        (WorkloadCatalog.Names(which, "or"), string.Join('/', WorkloadCatalog.All.Where(which).Select(w => w.Id)));

    /// <summary>
    /// The parser's errors, one "bench: ..." line each, then System.CommandLine's typo suggestions
    /// ("'--taks' was not matched. Did you mean one of the following? --tasks").
    /// </summary>
    private static string DescribeErrors(ParseResult result)
    {
        var lines = result.Errors.Select(e => "bench: " + e.Message).Distinct(StringComparer.Ordinal).ToList();
        if (result.Action is ParseErrorAction errorAction)
        {
            // The library writes its suggestions to Output; its own error lines go to a discarded writer.
            using var suggestions = new StringWriter(CultureInfo.InvariantCulture);
            errorAction.ShowHelp = false;
            errorAction.ShowTypoCorrections = true;
            result.Invoke(new InvocationConfiguration { Output = suggestions, Error = TextWriter.Null });
            lines.AddRange(FlagSuggestions(suggestions.ToString()));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// The suggestion blocks for misspelt flags only: a stray value ('3' after a misspelt flag) would
    /// be "corrected" to -h, and a flag after "--" to itself, and neither helps.
    /// </summary>
    private static IEnumerable<string> FlagSuggestions(string text)
    {
        const string Header = " was not matched. Did you mean one of the following?";
        var blocks = new List<List<string>>();
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.EndsWith(Header, StringComparison.Ordinal))
            {
                blocks.Add([line]);
            }
            else if (blocks.Count > 0)
            {
                blocks[^1].Add(line);
            }
        }

        foreach (var block in blocks)
        {
            var token = block[0][..^Header.Length].Trim('\'');
            var suggestions = block.Skip(1).Where(s => s != token).ToList();
            if (token.StartsWith('-') && suggestions.Count > 0)
            {
                yield return $"{block[0]} {string.Join(", ", suggestions)}";
            }
        }
    }

    private static WorkloadParameters BaseParameters(WorkloadDescriptor workload, string? preset)
    {
        if (preset is null)
        {
            return workload.Defaults;
        }

        return WorkloadPresets.TryGet(workload.Id, preset, out var parameters)
            ? parameters
            : throw Usage("--preset", $"unknown preset '{preset}' for --workload {workload.Id} (known: {string.Join(", ", WorkloadPresets.PresetIds)}).");
    }

    /// <summary>The workload flags given, set on <paramref name="parameters"/>; a flag of another workload is a usage error.</summary>
    private static WorkloadParameters ApplyWorkloadFlags(WorkloadDescriptor workload, WorkloadParameters parameters, ParseResult result, BenchCli cli)
    {
        foreach (var flag in WorkloadFlags)
        {
            if (result.GetResult(cli.Fields[flag.Flag]) is not null && !workload.Fields.Any(f => !f.IsCount && f.Flag == flag.Flag))
            {
                RequireWorkload(false, flag.Flag, WorkloadCatalog.Names(w => w.Fields.Any(f => !f.IsCount && f.Flag == flag.Flag), "or"));
            }
        }

        foreach (var field in workload.Fields)
        {
            parameters = field switch
            {
                IntField { IsCount: true } count when result.GetValue(cli.Tasks) is { } tasks => count.With(parameters, tasks),
                IntField { IsCount: false } number when result.GetValue((Option<int?>)cli.Fields[field.Flag]) is { } n => number.With(parameters, n),
                TextField text when result.GetValue((Option<string?>)cli.Fields[field.Flag]) is { } t => text.With(parameters, t),
                ChoiceField choice when result.GetValue((Option<string?>)cli.Fields[field.Flag]) is { } c => choice.With(parameters, c),
                _ => parameters,
            };
        }

        return parameters;
    }

    private static List<string> ParseStrategies(string text)
    {
        if (text == "all")
        {
            return [.. StrategyCatalog.DefaultIds];
        }

        // Unknown names and empty lists were rejected by the option's validator.
        return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    private static void RequireWorkload(bool applies, string flag, string workloads)
    {
        if (!applies)
        {
            throw Usage(flag, $"applies to --workload {workloads} only.");
        }
    }

    /// <summary>Numbers in help and messages as the engine writes them: invariant, with thousands separators.</summary>
    private static string Limits(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static BenchUsageException Usage(string flag, string problem) => new($"bench: {flag} {problem}");

    /// <summary>The command and its options.</summary>
    private sealed class BenchCli
    {
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

    /// <summary>System.CommandLine's help, followed by the exit codes.</summary>
    private sealed class BenchHelpAction(HelpAction help) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        /// <summary>Wraps at a fixed width, so the help reads the same in a terminal, a pipe and the README.</summary>
        public int MaxWidth { get; init; }

        public override int Invoke(ParseResult parseResult)
        {
            help.MaxWidth = MaxWidth;
            help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodesText);
            return BenchCommand.ExitOk;
        }
    }
}
