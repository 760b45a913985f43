using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;

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

    /// <summary>The exit codes as the help lists them, from <see cref="BenchCommand"/>'s constants.</summary>
    public static string ExitCodesText { get; } = string.Join('\n',
        "Exit codes:",
        BenchCli.Limits($"  {BenchCommand.ExitOk,-4} all tasks ok and outputs checked"),
        BenchCli.Limits($"  {BenchCommand.ExitFailed,-4} a task or an output check failed"),
        BenchCli.Limits($"  {BenchCommand.ExitUsage,-4} bad flags or values (the message names the flag)"),
        BenchCli.Limits($"  {BenchCommand.ExitCouldNotStart,-4} the run could not start (targets not usable)"),
        BenchCli.Limits($"  {BenchCommand.ExitCancelled,-4} cancelled (Ctrl+C)"));

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
        if (!PythonTwins.TryParseRuntime(result.GetValue(cli.Runtime), out var runtime))
        {
            throw Usage("--runtime", $"must be one of {string.Join(", ", PythonTwins.RuntimeIds)}.");
        }

        var parameters = BaseParameters(workload, result.GetValue(cli.Preset), runtime);
        parameters = ApplyWorkloadFlags(workload, parameters, result, cli);

        var strategies = ParseStrategies(result.GetValue(cli.Strategies)!);
        var options = new StrategyOptions(ProcessSplit: result.GetValue(cli.Split));
        foreach (var knob in StrategyKnobs.All)
        {
            options = knob.With(options, result.GetValue(cli.Knobs[knob]));
        }
        var repeat = result.GetValue(cli.Repeat);
        var warmup = result.GetValue(cli.Warmup);

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
        RequireWorkload(workload.CallsTargets || latency is null, "--latency-ms", BenchCli.CallingTargets.Or);
        var pageKb = result.GetValue(cli.PageKb);
        RequireWorkload(workload.Target == TargetEndpoint.Pages || pageKb is null, "--page-kb", BenchCli.CallingPages.Or);

        var targetUrl = result.GetValue(cli.TargetUrl);
        if (targetUrl is not null)
        {
            RequireWorkload(workload.CallsTargets, "--target-url", BenchCli.CallingTargets.Or);
            if (targets == LabTargets.Real)
            {
                throw Usage("--target-url", "cannot go with --targets real (the real targets come from Lab:RealTargets).");
            }

            targetUrl = targetUrl.EndsWith('/') ? targetUrl : targetUrl + "/";
        }

        var nodes = result.GetValue(cli.Nodes);
        if (nodes is not null && !strategies.Any(s => StrategyCatalog.Get(s).Placement == StrategyPlacement.LabNodes))
        {
            throw Usage("--nodes", $"applies to --strategies with {BenchCli.OnNodes} only.");
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
        RequireWorkload(workload.Arithmetic(parameters) is not null || !calibrate, "--calibrate", BenchCli.Calibrating.Or);
        return calibrate;
    }

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

    /// <summary>The workload's defaults, or its preset fitted to the runtime asked for (power's quick preset sizes i per runtime).</summary>
    private static WorkloadParameters BaseParameters(WorkloadDescriptor workload, string? preset, LabRuntime runtime)
    {
        if (preset is null)
        {
            return workload.Defaults;
        }

        return WorkloadPresets.Find(workload.Id, preset) is { } found
            ? found.For(PresetMachine.Default with { Runtime = runtime })
            : throw Usage("--preset", $"unknown preset '{preset}' for --workload {workload.Id} (known: {string.Join(", ", WorkloadPresets.PresetIds)}).");
    }

    /// <summary>The workload flags given, set on <paramref name="parameters"/>; a flag of another workload is a usage error.</summary>
    private static WorkloadParameters ApplyWorkloadFlags(WorkloadDescriptor workload, WorkloadParameters parameters, ParseResult result, BenchCli cli)
    {
        foreach (var flag in BenchCli.WorkloadFlags)
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

    private static BenchUsageException Usage(string flag, string problem) => new($"bench: {flag} {problem}");
}
