using System.Globalization;
using System.Text.Json;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Api;

/// <summary>
/// Reads a POST /api/runs body with the bench verb's meaning (same names, camelCase; same
/// defaults: all strategies, repeat 1, warmup 0) and reports every problem under the request's
/// own field names ("tasks", "options.delayMs", ...), never the engine's internal ones.
/// </summary>
public static class RunRequestParser
{
    /// <summary>Unknown fields named one by one in the problem; the rest are counted.</summary>
    public const int MaxUnknownFieldsReported = 10;

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "workload", "tasks", "strategies", "repeat", "warmup", "preset", "label", "options", "runtime", "targets",
        "output", "sweep",
    };

    /// <summary>The workloads' own options (every field but the task count), each name once, in dashboard order.</summary>
    private static readonly WorkloadField[] WorkloadOptions = WorkloadCatalog.All
        .SelectMany(w => w.Fields.Where(f => !f.IsCount))
        .DistinctBy(f => f.Name, StringComparer.Ordinal)
        .ToArray();

    private static readonly string[] OptionNames =
        [.. WorkloadOptions.Select(f => f.Name), "preset", .. StrategyKnobs.All.Select(k => k.Option), "split"];

    // Knobs of the shared simulated targets: a bench flag, but not something one run may change
    // under another's feet.
    private static readonly HashSet<string> TargetKnobs = new(StringComparer.Ordinal) { "pageKb", "latencyMs", "targetUrl" };

    /// <summary>The engine's validation fields, named as the request names them.</summary>
    private static readonly Dictionary<string, string> RequestFieldOf = WorkloadCatalog.All
        .SelectMany(w => w.Fields)
        .Select(f => (Name: f.Name, RequestName: f.RequestName))
        .Concat(StrategyKnobs.All.Select(k => (Name: k.Field, RequestName: "options." + k.Option)))
        .Append((Name: "processSplit", RequestName: "options.split"))
        .DistinctBy(p => p.Name, StringComparer.Ordinal)
        .ToDictionary(p => p.Name, p => p.RequestName, StringComparer.Ordinal);

    public static ParsedRunRequest Parse(JsonElement body)
    {
        var errors = new ParameterErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The body must be a JSON object such as {\"workload\":\"hello\",\"tasks\":20}.");
            return new ParsedRunRequest(null, null, errors.ToDictionary());
        }

        // A body of 10,000 made-up fields gets a few messages, not 10,000.
        var unknown = body.EnumerateObject().Where(p => !TopLevel.Contains(p.Name)).ToList();
        foreach (var property in unknown.Take(MaxUnknownFieldsReported))
        {
            errors.Add(ValueEcho.Short(property.Name), $"Unknown field '{ValueEcho.Short(property.Name)}'. Known: {string.Join(", ", TopLevel)}.");
        }

        if (unknown.Count > MaxUnknownFieldsReported)
        {
            errors.Add("body", string.Create(CultureInfo.InvariantCulture, $"{unknown.Count - MaxUnknownFieldsReported:N0} more unknown fields."));
        }

        var workload = String(body, "workload", "", errors);
        var tasks = Int(body, "tasks", "", errors);
        var repeat = Int(body, "repeat", "", errors);
        var warmup = Int(body, "warmup", "", errors);
        var label = String(body, "label", "", errors);
        var preset = String(body, "preset", "", errors);
        var strategies = Strategies(body, errors);
        var sweep = Sweep(body, errors);
        var runtimeText = String(body, "runtime", "", errors);
        var runtime = LabRuntime.Dotnet;
        if (runtimeText is not null && !PythonTwins.TryParseRuntime(runtimeText, out runtime))
        {
            errors.Add("runtime", $"runtime must be one of {string.Join(", ", PythonTwins.RuntimeIds)} (got '{ValueEcho.Short(runtimeText)}').");
        }

        // Only a choice between the two kinds of targets: no request can name an address.
        var targetsText = String(body, "targets", "", errors);
        var targets = LabTargets.Simulated;
        if (targetsText is not null && !LabTargetIds.TryParse(targetsText, out targets))
        {
            errors.Add("targets", $"targets must be one of {string.Join(", ", LabTargetIds.All)} (got '{ValueEcho.Short(targetsText)}').");
        }

        // Where the files go: a choice between two configured places, never a path.
        var outputText = String(body, "output", "", errors);
        var output = LabOutput.Disk;
        if (outputText is not null && !LabOutputIds.TryParse(outputText, out output))
        {
            errors.Add("output", $"output must be one of {string.Join(", ", LabOutputIds.All)} (got '{ValueEcho.Short(outputText)}').");
        }

        var options = body.TryGetProperty("options", out var o) && o.ValueKind != JsonValueKind.Null ? o : default;
        if (options.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
        {
            errors.Add("options", "options must be a JSON object such as {\"delayMs\":10}.");
            options = default;
        }

        if (options.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in options.EnumerateObject().Where(p => !OptionNames.Contains(p.Name)))
            {
                errors.Add($"options.{ValueEcho.Short(property.Name)}", TargetKnobs.Contains(property.Name)
                    ? $"{property.Name} is a knob of the simulated targets, shared by all runs: change it on the Targets page."
                    : $"Unknown option '{ValueEcho.Short(property.Name)}'. Known: {string.Join(", ", OptionNames)}.");
            }
        }

        var optionPreset = String(options, "preset", "options.", errors);
        if (preset is not null && optionPreset is not null && preset != optionPreset)
        {
            errors.Add("preset", "preset and options.preset disagree; give one.");
        }

        preset ??= optionPreset;

        // Typed by the field that names them, before the workload is known: a wrong type is said either way.
        var values = WorkloadOptions.ToDictionary(
            f => f.Name,
            f => f is IntField ? (object?)Int(options, f.Name, "options.", errors) : String(options, f.Name, "options.", errors),
            StringComparer.Ordinal);
        var strategyOptions = new StrategyOptions();
        foreach (var knob in StrategyKnobs.All)
        {
            strategyOptions = knob.With(strategyOptions, Int(options, knob.Option, "options.", errors));
        }

        strategyOptions = strategyOptions with { ProcessSplit = String(options, "split", "options.", errors) };

        if (workload is null)
        {
            if (!errors.ToDictionary().ContainsKey("workload"))
            {
                errors.Add("workload", $"workload is required: one of {WorkloadCatalog.IdList}.");
            }

            return new ParsedRunRequest(null, label, errors.ToDictionary());
        }

        if (WorkloadCatalog.Find(workload) is not { } descriptor)
        {
            errors.Add("workload", $"Unknown workload '{ValueEcho.Short(workload)}'. Known: {WorkloadCatalog.IdList}.");
            return new ParsedRunRequest(null, label, errors.ToDictionary());
        }

        var parameters = BaseParameters(descriptor, preset, runtime, errors);
        foreach (var (name, _) in values.Where(v => v.Value is not null))
        {
            if (!descriptor.Fields.Any(f => !f.IsCount && f.Name == name))
            {
                var owners = WorkloadCatalog.Names(w => w.Fields.Any(f => !f.IsCount && f.Name == name), "or");
                errors.Add("options." + name, $"{name} applies to the {owners} workload only.");
            }
        }

        parameters = Apply(descriptor, parameters, tasks, values, errors);

        var plan = new RunPlan(parameters, strategies ?? DefaultStrategies(runtime), repeat ?? 1, warmup ?? 0, strategyOptions, runtime, targets, sweep)
        {
            Output = output,
        };
        foreach (var (field, messages) in plan.Validate())
        {
            foreach (var message in messages)
            {
                errors.Add(RequestFieldOf.GetValueOrDefault(field, field), message);
            }
        }

        if (RunLabel.Problem(label) is { } labelProblem)
        {
            errors.Add(RunLabel.Field, labelProblem);
        }

        var all = errors.ToDictionary();
        return new ParsedRunRequest(all.Count == 0 ? plan : null, RunLabel.Normalize(label), all);
    }

    /// <summary>All strategies; for Python alone, all that have a twin (parallel has none).</summary>
    private static List<string> DefaultStrategies(LabRuntime runtime) =>
        runtime == LabRuntime.Python ? [.. StrategyCatalog.DefaultIds.Where(PythonTwins.HasTwin)] : [.. StrategyCatalog.DefaultIds];

    /// <summary>The workload's defaults, or its preset fitted to the runtime asked for, as the bench verb and the Run page fit it.</summary>
    private static WorkloadParameters BaseParameters(WorkloadDescriptor workload, string? preset, LabRuntime runtime, ParameterErrors errors)
    {
        if (preset is not null)
        {
            if (WorkloadPresets.Find(workload.Id, preset) is { } found)
            {
                return found.For(PresetMachine.Default with { Runtime = runtime });
            }

            errors.Add("preset", $"Unknown preset '{ValueEcho.Short(preset)}'. Known: {string.Join(", ", WorkloadPresets.PresetIds)}.");
        }

        return workload.Defaults;
    }

    /// <summary>The request's values of the workload's fields set on <paramref name="parameters"/>; a choice it does not offer is a problem.</summary>
    private static WorkloadParameters Apply(
        WorkloadDescriptor workload, WorkloadParameters parameters, int? tasks, Dictionary<string, object?> values, ParameterErrors errors)
    {
        foreach (var field in workload.Fields)
        {
            var value = field.IsCount ? tasks : values.GetValueOrDefault(field.Name);
            switch (field, value)
            {
                case (IntField number, int n):
                    parameters = number.With(parameters, n);
                    break;
                case (TextField text, string t):
                    parameters = text.With(parameters, t);
                    break;
                case (ChoiceField choice, string c) when choice.Accepts(c):
                    parameters = choice.With(parameters, c);
                    break;
                case (ChoiceField choice, string c):
                    errors.Add(field.RequestName, $"{field.Name} must be {choice.ChoiceList} (got '{ValueEcho.Short(c)}').");
                    break;
            }
        }

        return parameters;
    }

    private static List<string>? Strategies(JsonElement body, ParameterErrors errors)
    {
        if (!body.TryGetProperty("strategies", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == "all")
        {
            return [.. StrategyCatalog.DefaultIds];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.Add("strategies", "strategies must be an array of strategy ids such as [\"sequential\",\"async\"], or \"all\".");
            return null;
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>
    /// The sweep's sizes: an array of whole numbers, or null/absent for none. A long array is refused
    /// before it is read (the plan's own check then names count, bounds and duplicates).
    /// </summary>
    private static List<int>? Sweep(JsonElement body, ParameterErrors errors)
    {
        if (!body.TryGetProperty("sweep", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("sweep", "sweep must be an array of sizes such as [1,2,4,8].");
            return null;
        }

        var length = value.GetArrayLength();
        if (length > StrategySizes.MaxSweepSizes)
        {
            errors.Add("sweep", string.Create(CultureInfo.InvariantCulture,
                $"sweep must have {StrategySizes.MinSweepSizes} to {StrategySizes.MaxSweepSizes} sizes (got {length:N0})."));
            return null;
        }

        var sizes = new List<int>(length);
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var size))
            {
                errors.Add("sweep", $"sweep sizes must be whole numbers (got {ValueEcho.Short(item.GetRawText())}).");
                return null;
            }

            sizes.Add(size);
        }

        // An empty array asks for no sweep, like an absent field; one size is the plan's to refuse.
        return sizes.Count == 0 ? null : sizes;
    }

    private static int? Int(JsonElement parent, string name, string prefix, ParameterErrors errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        errors.Add(prefix + name, $"{name} must be a whole number (got {ValueEcho.Short(value.GetRawText())}).");
        return null;
    }

    private static string? String(JsonElement parent, string name, string prefix, ParameterErrors errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add(prefix + name, $"{name} must be a string (got {ValueEcho.Short(value.GetRawText())}).");
        return null;
    }
}
