using Dashboard.Engine.Running;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// Which strategies have a Python twin, and how a twin's results are keyed: "python-" + the
/// strategy id ("python-threads"), so every view that groups by strategy shows the two runtimes
/// side by side without a second dimension; <see cref="StrategyOf"/> and <see cref="RuntimeOf"/>
/// split a key back into the strategy id and the runtime.
/// </summary>
public static class PythonTwins
{
    /// <summary>The prefix of a Python twin's result key.</summary>
    public const string Prefix = "python-";

    /// <summary>The most tasks a Python twin runs in one run.</summary>
    public const int MaxTasks = 100_000;

    /// <summary>Why <see cref="MaxTasks"/>, in the words a refusal uses.</summary>
    public const string MaxTasksWhy =
        "every task's start and end travel as a line of JSON through one pipe from the interpreter, which one core parses";

    /// <summary>The runtime ids as the API, bench and exports write them.</summary>
    public const string DotnetRuntime = "dotnet";

    /// <inheritdoc cref="DotnetRuntime"/>
    public const string PythonRuntime = "python";

    /// <summary>The runtime option's accepted values.</summary>
    public static IReadOnlyList<string> RuntimeIds { get; } = [DotnetRuntime, PythonRuntime, "both"];

    /// <summary>The ids of the strategies with a Python twin (<see cref="StrategyDescriptor.Twin"/>), in dashboard order.</summary>
    public static IReadOnlyList<string> Strategies { get; } = [.. StrategyCatalog.WithTwin.Select(d => d.Id)];

    public static bool HasTwin(string strategy) => StrategyCatalog.Find(strategy)?.Twin is not null;

    /// <summary>The result key of <paramref name="strategy"/>'s Python twin.</summary>
    public static string Key(string strategy) => Prefix + strategy;

    /// <summary>True for a Python twin's result key.</summary>
    public static bool IsTwinKey(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) && HasTwin(key[Prefix.Length..]);

    /// <summary>The strategy id of a result key ("python-threads" -> "threads").</summary>
    public static string StrategyOf(string key) => IsTwinKey(key) ? key[Prefix.Length..] : key;

    /// <summary>"python" for a twin's key, else "dotnet".</summary>
    public static string RuntimeOf(string key) => IsTwinKey(key) ? PythonRuntime : DotnetRuntime;

    /// <summary>A strategy id or a Python twin's key.</summary>
    public static bool IsKnownKey(string key) => StrategyCatalog.IsKnown(key) || IsTwinKey(key);

    /// <summary>Parses "dotnet", "python" or "both" (case-insensitive); false for anything else.</summary>
    public static bool TryParseRuntime(string? text, out LabRuntime runtime)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case DotnetRuntime:
                runtime = LabRuntime.Dotnet;
                return true;
            case PythonRuntime:
                runtime = LabRuntime.Python;
                return true;
            case "both":
                runtime = LabRuntime.Both;
                return true;
            default:
                runtime = LabRuntime.Dotnet;
                return false;
        }
    }

    /// <summary>The id of <paramref name="runtime"/> ("dotnet", "python", "both").</summary>
    public static string Id(LabRuntime runtime) => runtime switch
    {
        LabRuntime.Python => PythonRuntime,
        LabRuntime.Both => "both",
        _ => DotnetRuntime,
    };
}
