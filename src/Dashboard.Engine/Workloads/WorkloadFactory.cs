namespace Dashboard.Engine.Workloads;

/// <summary>
/// Creates the workload for a parameter record through its descriptor. The parent process and every
/// worker process call it with the same parameters and environment (sent as JSON), so both do the same work.
/// </summary>
public static class WorkloadFactory
{
    /// <summary>Validates, then creates the workload. The caller disposes it.</summary>
    /// <exception cref="InvalidParametersException">The parameters or the environment are not usable here.</exception>
    public static IWorkload Create(WorkloadParameters parameters, WorkloadEnvironment environment) =>
        Create(parameters, environment, GmpLibrary.Shared, GmpLibrary.DefaultError);

    /// <summary>
    /// Problems with <paramref name="parameters"/> in <paramref name="environment"/>, keyed by
    /// camelCase field; empty when <see cref="Create(WorkloadParameters, WorkloadEnvironment)"/> would succeed.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(WorkloadParameters parameters, WorkloadEnvironment environment) =>
        Validate(parameters, environment, GmpAvailability.Shared).ToDictionary();

    /// <summary>The seam tests use to see what happens without GMP.</summary>
    internal static IWorkload Create(WorkloadParameters parameters, WorkloadEnvironment environment, GmpLibrary? gmp, string? gmpError)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(environment);
        var host = new GmpAvailability(gmp, gmpError);
        var errors = Validate(parameters, environment, host).ToDictionary();
        if (errors.Count > 0)
        {
            throw new InvalidParametersException(errors);
        }

        return WorkloadCatalog.Of(parameters).Create(parameters, environment, host);
    }

    private static ParameterErrors Validate(WorkloadParameters parameters, WorkloadEnvironment environment, GmpAvailability gmp)
    {
        var errors = new ParameterErrors();
        foreach (var (field, messages) in parameters.Validate())
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        var workload = WorkloadCatalog.Of(parameters);
        if (workload.CallsTargets)
        {
            ValidateTarget(environment.TargetBaseUrl, errors);
        }

        if (workload.WritesOutputs)
        {
            ValidateOutput(environment.OutputDirectory, errors);
        }

        if (workload.CallsTargets && environment.RequestTimeoutMs is { } timeoutMs)
        {
            errors.Range("requestTimeoutMs", timeoutMs, 1, WorkloadEnvironment.MaxRequestTimeoutMs);
        }

        workload.CheckHost(parameters, gmp, errors);
        return errors;
    }

    private static void ValidateTarget(string? targetBaseUrl, ParameterErrors errors)
    {
        if (string.IsNullOrWhiteSpace(targetBaseUrl))
        {
            errors.Add("targetBaseUrl", "targetBaseUrl must be set (e.g. http://127.0.0.1:5000/sim/).");
        }
        else if (!Uri.TryCreate(targetBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("targetBaseUrl", $"targetBaseUrl must be an absolute http or https address (got '{ValueEcho.Short(targetBaseUrl)}').");
        }
    }

    private static void ValidateOutput(string? outputDirectory, ParameterErrors errors)
    {
        if (string.IsNullOrWhiteSpace(outputDirectory))
        {
            errors.Add("outputDirectory", "outputDirectory must be set: this workload writes files.");
        }
        else if (outputDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add("outputDirectory", $"outputDirectory '{ValueEcho.Short(outputDirectory)}' contains characters a path cannot hold.");
        }
    }
}
