namespace Dashboard.Engine.Workloads;

/// <summary>
/// Creates the workload for a parameter record. The parent process and every worker process call
/// it with the same parameters and environment (sent as JSON), so both do the same work.
/// </summary>
public static class WorkloadFactory
{
    /// <summary>Workload ids in the order the dashboard shows them.</summary>
    public static IReadOnlyList<string> WorkloadIds { get; } =
        [GenreParameters.WorkloadId, PowerParameters.WorkloadId, ScrapeParameters.WorkloadId, HelloParameters.WorkloadId];

    /// <summary>Whether a workload of <paramref name="parameters"/> calls the targets and writes files (genre, scrape).</summary>
    public static bool UsesTargets(WorkloadParameters parameters) => parameters is GenreParameters or ScrapeParameters;

    /// <summary>Validates, then creates the workload. The caller disposes it.</summary>
    /// <exception cref="InvalidParametersException">The parameters or the environment are not usable here.</exception>
    public static IWorkload Create(WorkloadParameters parameters, WorkloadEnvironment environment) =>
        Create(parameters, environment, GmpLibrary.Shared, GmpLibrary.DefaultError);

    /// <summary>
    /// Problems with <paramref name="parameters"/> in <paramref name="environment"/>, keyed by
    /// camelCase field; empty when <see cref="Create(WorkloadParameters, WorkloadEnvironment)"/> would succeed.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(WorkloadParameters parameters, WorkloadEnvironment environment) =>
        Validate(parameters, environment, GmpLibrary.Shared, GmpLibrary.DefaultError).ToDictionary();

    /// <summary>The seam tests use to see what happens without GMP.</summary>
    internal static IWorkload Create(WorkloadParameters parameters, WorkloadEnvironment environment, GmpLibrary? gmp, string? gmpError)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = Validate(parameters, environment, gmp, gmpError).ToDictionary();
        if (errors.Count > 0)
        {
            throw new InvalidParametersException(errors);
        }

        return parameters switch
        {
            GenreParameters genre => new GenreWorkload(genre, environment),
            ScrapeParameters scrape => new ScrapeWorkload(scrape, environment),
            HelloParameters hello => new HelloWorkload(hello),
            PowerParameters power => new PowerWorkload(power, PowerEngines.TryCreate(power.Engine, gmp, gmpError, out _)!),
            _ => throw new ArgumentException($"No workload for parameters of type {parameters.GetType().Name}.", nameof(parameters)),
        };
    }

    private static ParameterErrors Validate(WorkloadParameters parameters, WorkloadEnvironment environment, GmpLibrary? gmp, string? gmpError)
    {
        var errors = new ParameterErrors();
        foreach (var (field, messages) in parameters.Validate())
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        switch (parameters)
        {
            case var _ when UsesTargets(parameters):
                ValidateTarget(environment.TargetBaseUrl, errors);
                ValidateOutput(environment.OutputDirectory, errors);
                if (environment.RequestTimeoutMs is { } timeoutMs)
                {
                    errors.Range("requestTimeoutMs", timeoutMs, 1, WorkloadEnvironment.MaxRequestTimeoutMs);
                }

                break;
            case PowerParameters power when Enum.IsDefined(power.Engine ?? PowerEngine.Managed):
                if (PowerEngines.TryCreate(power.Engine, gmp, gmpError, out var engineError) is null)
                {
                    errors.Add("engine", engineError!);
                }

                break;
        }

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
