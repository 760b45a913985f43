using System.Globalization;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>
/// The bench's hand-written command-line parser: "--flag value" or "--flag=value", each flag at
/// most once, every value checked, every mistake a <see cref="BenchUsageException"/> naming the flag.
/// </summary>
public static class BenchArgumentParser
{
    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "--help", "-h", "--keep-output" };

    private static readonly HashSet<string> ValueFlags = new(StringComparer.Ordinal)
    {
        "--workload", "--tasks", "--strategies", "--repeat", "--warmup", "--latency-ms", "--json", "--start",
        "--engine", "--delay-ms", "--name", "--page-kb", "--preset", "--target-url", "--threads",
        "--async-cap", "--degree", "--processes",
    };

    /// <summary>Validation fields (camelCase, from the engine) and the flag that sets each.</summary>
    private static readonly Dictionary<string, string> FlagOfField = new(StringComparer.Ordinal)
    {
        ["tasks"] = "--tasks", ["count"] = "--tasks", ["pages"] = "--tasks", ["start"] = "--start",
        ["engine"] = "--engine", ["delayMs"] = "--delay-ms", ["name"] = "--name", ["repeat"] = "--repeat",
        ["warmup"] = "--warmup", ["strategies"] = "--strategies", ["threadPoolSize"] = "--threads",
        ["asyncCap"] = "--async-cap", ["parallelDegree"] = "--degree", ["processCount"] = "--processes",
    };

    /// <summary>True when the arguments ask for help (then nothing else is checked).</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    /// <summary>Parses and checks <paramref name="args"/> (without the leading "bench").</summary>
    /// <exception cref="BenchUsageException">A flag or value is wrong; the message says which.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var flags = Tokenize(args);
        var workload = flags.GetValueOrDefault("--workload") ?? GenreParameters.WorkloadId;
        if (!WorkloadFactory.WorkloadIds.Contains(workload, StringComparer.Ordinal))
        {
            throw Usage("--workload", $"unknown workload '{workload}' (known: {string.Join(", ", WorkloadFactory.WorkloadIds)}).");
        }

        var parameters = BaseParameters(workload, flags.GetValueOrDefault("--preset"));
        parameters = ApplyWorkloadFlags(parameters, flags);

        var strategies = ParseStrategies(flags.GetValueOrDefault("--strategies") ?? "all");
        var options = new StrategyOptions(
            ThreadPoolSize: OptionalInt(flags, "--threads"),
            AsyncCap: OptionalInt(flags, "--async-cap"),
            ParallelDegree: OptionalInt(flags, "--degree"),
            ProcessCount: OptionalInt(flags, "--processes"));
        var repeat = OptionalInt(flags, "--repeat") ?? 1;
        var warmup = OptionalInt(flags, "--warmup") ?? 0;

        var plan = new RunPlan(parameters, strategies, repeat, warmup, options);
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            var (field, messages) = errors.First();
            throw Usage(FlagOfField.GetValueOrDefault(field, "--" + field), string.Join(" ", messages));
        }

        var usesTargets = parameters is GenreParameters or ScrapeParameters;
        var latency = OptionalInt(flags, "--latency-ms");
        if (latency is { } ms)
        {
            RequireWorkload(usesTargets, "--latency-ms", "genre or scrape");
            RequireRange("--latency-ms", ms, 0, SimulationOptions.MaxLatencyMs);
        }

        var pageKb = OptionalInt(flags, "--page-kb");
        if (pageKb is { } kb)
        {
            RequireWorkload(parameters is ScrapeParameters, "--page-kb", "scrape");
            RequireRange("--page-kb", kb, SimulationOptions.MinPageSizeKb, SimulationOptions.MaxPageSizeKb);
        }

        var targetUrl = flags.GetValueOrDefault("--target-url");
        if (targetUrl is not null)
        {
            RequireWorkload(usesTargets, "--target-url", "genre or scrape");
            if (!Uri.TryCreate(targetUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw Usage("--target-url", $"expects an absolute http(s) address such as http://127.0.0.1:5000/sim/ (got '{targetUrl}').");
            }

            targetUrl = targetUrl.EndsWith('/') ? targetUrl : targetUrl + "/";
        }

        var json = flags.GetValueOrDefault("--json");
        if (json is not null && (string.IsNullOrWhiteSpace(json) || json.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            throw Usage("--json", $"expects a file path (got '{json}').");
        }

        return new BenchOptions(parameters, strategies, repeat, warmup, options, latency, pageKb, json, targetUrl,
            flags.ContainsKey("--keep-output"));
    }

    private static Dictionary<string, string> Tokenize(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string flag;
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                flag = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                flag = arg;
            }

            if (!flag.StartsWith('-'))
            {
                throw new BenchUsageException($"bench: unexpected argument '{arg}' (flags start with --; see --help).");
            }

            if (Switches.Contains(flag))
            {
                if (value is not null)
                {
                    throw Usage(flag, "takes no value.");
                }

                value = "";
            }
            else if (ValueFlags.Contains(flag))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw Usage(flag, "needs a value.");
                    }

                    value = args[++i];
                }
            }
            else
            {
                throw new BenchUsageException($"bench: unknown flag '{flag}' (see --help).");
            }

            if (!flags.TryAdd(flag, value))
            {
                throw Usage(flag, "is given more than once.");
            }
        }

        return flags;
    }

    private static WorkloadParameters BaseParameters(string workload, string? preset)
    {
        if (preset is null)
        {
            return workload switch
            {
                GenreParameters.WorkloadId => new GenreParameters(),
                PowerParameters.WorkloadId => new PowerParameters(),
                ScrapeParameters.WorkloadId => new ScrapeParameters(),
                _ => new HelloParameters(),
            };
        }

        return WorkloadPresets.TryGet(workload, preset, out var parameters)
            ? parameters
            : throw Usage("--preset", $"unknown preset '{preset}' (known: {string.Join(", ", WorkloadPresets.PresetIds)}).");
    }

    private static WorkloadParameters ApplyWorkloadFlags(WorkloadParameters parameters, Dictionary<string, string> flags)
    {
        var tasks = OptionalInt(flags, "--tasks");
        var start = OptionalInt(flags, "--start");
        var delay = OptionalInt(flags, "--delay-ms");
        var name = flags.GetValueOrDefault("--name");
        var engineText = flags.GetValueOrDefault("--engine");
        RequireWorkload(parameters is PowerParameters || start is null, "--start", "power");
        RequireWorkload(parameters is PowerParameters || engineText is null, "--engine", "power");
        RequireWorkload(parameters is HelloParameters || delay is null, "--delay-ms", "hello");
        RequireWorkload(parameters is HelloParameters || name is null, "--name", "hello");

        return parameters switch
        {
            GenreParameters genre => genre with { Tasks = tasks ?? genre.Tasks },
            ScrapeParameters scrape => scrape with { Pages = tasks ?? scrape.Pages },
            HelloParameters hello => hello with
            {
                Tasks = tasks ?? hello.Tasks,
                DelayMs = delay ?? hello.DelayMs,
                Name = name ?? hello.Name,
            },
            PowerParameters power => power with
            {
                Count = tasks ?? power.Count,
                Start = start ?? power.Start,
                Engine = engineText is null ? power.Engine : ParseEngine(engineText),
            },
            _ => parameters,
        };
    }

    private static PowerEngine ParseEngine(string text) => text switch
    {
        "managed" => PowerEngine.Managed,
        "gmp" => PowerEngine.Gmp,
        _ => throw Usage("--engine", $"expects managed or gmp (got '{text}')."),
    };

    private static List<string> ParseStrategies(string text)
    {
        if (text == "all")
        {
            return [.. StrategyIds.All];
        }

        var strategies = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (strategies.Count == 0)
        {
            throw Usage("--strategies", "needs at least one strategy, or 'all'.");
        }

        foreach (var strategy in strategies.Where(s => !StrategyIds.IsKnown(s)))
        {
            throw Usage("--strategies", $"unknown strategy '{strategy}' (known: {string.Join(", ", StrategyIds.All)}, or all).");
        }

        return strategies;
    }

    private static int? OptionalInt(Dictionary<string, string> flags, string flag)
    {
        if (!flags.TryGetValue(flag, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Usage(flag, $"expects a whole number (got '{text}').");
    }

    private static void RequireRange(string flag, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw Usage(flag, string.Create(CultureInfo.InvariantCulture, $"must be between {min:N0} and {max:N0} (got {value:N0})."));
        }
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
