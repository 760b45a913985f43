using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using Dashboard.Cluster.Hosting;
using Dashboard.Cluster.Nodes;
using Dashboard.Engine.Running;
using Dashboard.Engine.Statistics;
using Dashboard.Engine.Workers;
using Dashboard.Web.Explain;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Execution;
using Dashboard.Web.Runs.Host;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Simulation;

namespace Dashboard.Web.Bench;

/// <summary>
/// The headless `bench` verb: parses flags, starts the simulated targets in-process (unless
/// --target-url), runs the plan through a standalone <see cref="PlanExecutor"/> (its console observer is
/// <see cref="BenchProgress"/>), prints a table and
/// writes JSON. Exit codes (listed by --help, <see cref="BenchArgumentParser.ExitCodesText"/>): 0 ok,
/// 1 a task or output check failed, 2 bad flags, 3 could not start, 130 cancelled.
/// </summary>
public static class BenchCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitCouldNotStart = 3;
    public const int ExitCancelled = 130;

    /// <summary>Rounds of <c>--calibrate</c> (the best of these each way).</summary>
    public const int CalibrationRounds = 5;

    /// <summary>"CPU calibration (gmp, 16 tasks from 1,000,000, best of 5): 1 process 0.62 s, 2 processes 0.32 s, x1.94".</summary>
    public static string Describe(CpuCalibration calibration) => string.Create(CultureInfo.InvariantCulture,
        $"CPU calibration ({calibration.Engine}, {calibration.Tasks} tasks from {calibration.Start:N0}, best of {calibration.Rounds}): 1 process {BenchTableFormatter.Seconds(calibration.OneProcessSeconds)}, {calibration.Processes} processes {BenchTableFormatter.Seconds(calibration.ParallelSeconds)}, x{calibration.Speedup:0.00}");

    /// <summary>The console entry point: Ctrl+C cancels the run (a second Ctrl+C kills the process).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("bench: cancelling (Ctrl+C again to kill)...");
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs the bench writing the table to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = BenchArgumentParser.ParseCommandLine(args);
        if (BenchArgumentParser.WantsHelp(parsed))
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }

        BenchOptions options;
        try
        {
            options = BenchArgumentParser.Bind(parsed);
        }
        catch (BenchUsageException e)
        {
            await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync("Run `bench --help` for the flags.");
            return ExitUsage;
        }

        var outputDirectory = Path.Combine(options.OutputDir ?? BenchOptions.DefaultOutputParent,
            string.Create(CultureInfo.InvariantCulture, $"dashboard-bench-{options.Workload}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Random.Shared.Next(100_000)}"));
        try
        {
            // Made now, so an --output-dir that cannot be written to is a usage error before anything starts.
            Directory.CreateDirectory(outputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"bench: --output-dir {options.OutputDir ?? BenchOptions.DefaultOutputParent}: cannot make the run's folder there: {e.Message}");
            return ExitUsage;
        }

        SimulatedTargetsServer? server = null;
        try
        {
            string? targetUrl = null;
            string? capability = null;
            SimulationOptions? knobs = null;
            TargetPolicy? policy = null;
            if (options.Targets == LabTargets.Real)
            {
                var problem = RealTargetsFromConfiguration(options, out targetUrl, out policy);
                if (problem is not null)
                {
                    await error.WriteLineAsync($"bench: the real targets are not usable: {problem}");
                    return ExitCouldNotStart;
                }
            }
            else if (options.UsesTargets)
            {
                try
                {
                    (server, targetUrl, knobs, capability) = await PrepareTargetsAsync(options, cancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or InvalidKnobsException)
                {
                    await error.WriteLineAsync($"bench: the targets are not usable: {e.Message}");
                    return ExitCouldNotStart;
                }
            }

            var environment = BenchEnvironmentProbe.Describe(options, targetUrl, knobs) with
            {
                Outputs = OutputPlace.Describe(outputDirectory) with { Directory = Path.GetFullPath(outputDirectory) },
            };
            await output.WriteLineAsync(Describe(options, environment, outputDirectory));

            var plan = options.Plan;
            RunResult result;
            CpuCalibration? calibration = null;
            try
            {
                await using var executor = PlanExecutor.Standalone(plan, options.Nodes ?? Math.Min(Environment.ProcessorCount, LabClusterOptions.MaxLocalNodes),
                    () => NodeTargets.From(policy is null ? targetUrl : null, targetUrl, targetUrl, policy));
                var workers = executor.Workers!.Value;
                if (options.Strategies.Any(s => StrategyCatalog.Get(s).Placement == StrategyPlacement.WorkerProcesses))
                {
                    await output.WriteLineAsync($"worker processes: {workers.Choice} ({workers.Path})");
                }

                if (plan.WithoutPythonTwin.Count > 0)
                {
                    await output.WriteLineAsync($"no Python twin: {string.Join(", ", plan.WithoutPythonTwin)} (runs in .NET only)");
                }

                if (options.Calibrate && WorkloadCatalog.Of(options.Parameters).Arithmetic(options.Parameters) is { } engine)
                {
                    try
                    {
                        calibration = await CpuCalibrator.MeasureAsync(engine, null, CalibrationRounds,
                            workers.Path, cancellationToken);
                    }
                    catch (InvalidOperationException e)
                    {
                        await error.WriteLineAsync($"bench: {e.Message}");
                        return ExitCouldNotStart;
                    }

                    await output.WriteLineAsync(Describe(calibration));
                }

                // Run 1: the bench's own nodes derive their output folders from it (they live as long as this bench).
                result = await executor.ExecuteAsync(plan,
                    new WorkloadEnvironment(targetUrl ?? "", outputDirectory, Policy: policy) { RunId = 1, TargetCapability = capability },
                    new BenchProgress(output, options.Repeat), cancellationToken);
            }
            catch (InvalidParametersException e)
            {
                await error.WriteLineAsync($"bench: {e.Message}");
                return ExitUsage;
            }

            var report = BenchReportBuilder.Build(options, result, environment, calibration);
            await output.WriteLineAsync();
            await output.WriteAsync(BenchTableFormatter.Format(report));
            await output.WriteAsync(BenchTableFormatter.FormatSweep(report));
            await output.WriteAsync(BenchTableFormatter.FormatWarnings(report));
            await output.WriteAsync(BenchPredictionFormatter.Format(report));
            foreach (var line in WorkerStartLines(result))
            {
                await output.WriteLineAsync(line);
            }
            if (options.JsonPath is { } jsonPath)
            {
                await BenchJsonWriter.WriteAsync(report, jsonPath, CancellationToken.None);
                await output.WriteLineAsync($"JSON: {Path.GetFullPath(jsonPath)}");
            }

            if (result.Cancelled || cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("bench: cancelled.");
                return ExitCancelled;
            }

            var failed = report.Strategies.Where(s => !s.Succeeded).ToList();
            foreach (var strategy in failed)
            {
                await error.WriteLineAsync(
                    $"bench: {strategy.Name}: {Fmt.Plural(strategy.TasksFailed, "task", "tasks")} failed; output check: {strategy.OutputCheck}");
            }

            return failed.Count == 0 ? ExitOk : ExitFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before the run started (e.g. while the targets were starting).
            await error.WriteLineAsync("bench: cancelled.");
            return ExitCancelled;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            if (!options.KeepOutput)
            {
                TryDelete(outputDirectory);
            }
        }
    }

    /// <summary>
    /// The real target of the bench's workload and its policy, from the app's configuration
    /// (appsettings.json next to the app, then environment variables such as
    /// Lab__RealTargets__Genre); null when usable, else the problem, naming the key.
    /// </summary>
    private static string? RealTargetsFromConfiguration(BenchOptions options, out string? baseUrl, out TargetPolicy? policy)
    {
        baseUrl = null;
        policy = null;
        var configuration = BenchConfiguration();
        var real = new RealTargetsOptions();
        configuration.GetSection(RealTargetsOptions.SectionName).Bind(real);
        var check = new RealTargetsOptionsValidator().Validate(null, real);
        if (check.Failed)
        {
            return check.FailureMessage;
        }

        baseUrl = real.BaseFor(options.Parameters);
        if (baseUrl is null)
        {
            return $"--targets real needs {RealTargetsOptions.KeyFor(options.Parameters)} (and {RealTargetsOptions.AllowedHostsKey}) in the configuration; it is not set.";
        }

        policy = real.ToPolicy();
        return null;
    }

    /// <summary>
    /// Starts the in-process targets with the knobs asked for and a capability for this bench, or
    /// sets them on --target-url. A dashboard's targets answer signed-in callers only, so against
    /// --target-url the bench signs in with Auth:Token (Auth__Token) when it is set, and asks that
    /// dashboard for a capability (POST {url}capabilities) that its workers then show.
    /// </summary>
    private static async Task<(SimulatedTargetsServer? Server, string TargetUrl, SimulationOptions? Knobs, string? Capability)> PrepareTargetsAsync(
        BenchOptions options, CancellationToken cancellationToken)
    {
        var update = new SimulationKnobsUpdate(
            GenreLatencyMs: options.LatencyMs,
            PageLatencyMs: options.LatencyMs,
            PageSizeKb: options.PageKb);
        if (options.TargetUrl is null)
        {
            var server = await SimulatedTargetsServer.StartAsync(null, cancellationToken);

            // Lives as long as the server: both end with the bench.
            var own = server.Capabilities.Issue(TimeSpan.FromDays(7));
            return (server, server.BaseUrl, server.Knobs.Update(update.ApplyTo), own.Value);
        }

        // External targets: our own dashboard's knobs can be set over HTTP; other targets are used as they are.
        using var client = new HttpClient { BaseAddress = new Uri(options.TargetUrl), Timeout = TimeSpan.FromSeconds(10) };
        if (BenchConfiguration()[$"{Security.AuthOptions.SectionName}:{nameof(Security.AuthOptions.Token)}"] is { Length: > 0 } token)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (options.LatencyMs is not null || options.PageKb is not null)
        {
            using var put = await client.PutAsJsonAsync("knobs", update, cancellationToken);
            if (!put.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"PUT {options.TargetUrl}knobs answered {(int)put.StatusCode}; --latency-ms and --page-kb need the dashboard's simulated targets (and Auth__Token set to its token).");
            }
        }

        SimulationOptions? knobs = null;
        string? capability = null;
        try
        {
            knobs = await client.GetFromJsonAsync<SimulationOptions>("knobs", cancellationToken);
            using var issued = await client.PostAsync("capabilities", content: null, cancellationToken);
            if (issued.IsSuccessStatusCode)
            {
                capability = (await issued.Content.ReadFromJsonAsync<TargetCapabilityResponse>(cancellationToken))?.Capability;
            }
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            // Not our simulated targets (or no knobs there): the report says knobs: null.
        }

        return (null, options.TargetUrl, knobs, capability);
    }

    /// <summary>The app's configuration as the bench sees it: appsettings.json next to the app, then the environment.</summary>
    private static IConfiguration BenchConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();

    private static string Describe(BenchOptions options, BenchEnvironment environment, string outputDirectory)
    {
        var parameters = BenchReportBuilder.Parameters(options).ToJsonString();
        var knobs = environment.Knobs is { } k
            ? string.Create(CultureInfo.InvariantCulture,
                $" · targets {environment.TargetUrl} (genre {k.GenreLatencyMs} ms, page {k.PageLatencyMs} ms, {k.PageSizeKb} KB)")
            : environment.TargetUrl is { } url ? $" · targets {url}" : "";
        return $"bench {options.Workload} {parameters}{knobs}\n" +
            $"{environment.Cores} cores · {environment.CpuModel} · {environment.Dotnet} · GC {environment.GcMode} · output {environment.Outputs?.ToString() ?? outputDirectory}";
    }

    /// <summary>Per process strategy: median time from starting a worker process to its first message.</summary>
    private static IEnumerable<string> WorkerStartLines(RunResult result) =>
        result.Results
            .Where(r => (!r.IsWarmup || OnNodes(r.Strategy)) && r.WorkerStartSeconds is { Count: > 0 })
            .GroupBy(r => r.Strategy)
            .Select(g =>
            {
                var starts = g.SelectMany(r => r.WorkerStartSeconds!).Order().ToList();
                var median = Quantiles.Median(starts);
                // Nodes start once per bench (in its first repetition, warmup or not); workers every repetition.
                return OnNodes(g.Key)
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{g.Key} node start (process start to joined the cluster): median {median * 1000:F1} ms, min {starts[0] * 1000:F1}, max {starts[^1] * 1000:F1} ({starts.Count} nodes)")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{g.Key} worker start (process start to first message): median {median * 1000:F1} ms, min {starts[0] * 1000:F1}, max {starts[^1] * 1000:F1} ({starts.Count} workers)");
            });

    private static bool OnNodes(string key) => StrategyCatalog.PlacementOf(key) == StrategyPlacement.LabNodes;

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a finished bench over it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
