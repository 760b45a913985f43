using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Exports;
using Dashboard.Web.Routes;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Security;
using Dashboard.Web.Storage;
using Dashboard.Web.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api;

/// <summary>
/// The REST API of runs under /api/runs. Handlers stay thin: the parser turns bodies into plans,
/// <see cref="IRunQueue"/> runs them, <see cref="RunHistory"/> answers for live and stored runs,
/// the exporters write the files.
/// </summary>
public static class RunsApi
{
    public const string BasePath = AppRoutes.ApiRuns;
    public const int DefaultTake = 50;

    public static string RunPath(long id) => AppRoutes.ApiRun(id);

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder endpoints)
    {
        var runs = endpoints.MapGroup(BasePath).WithTags("Runs");
        runs.MapPost("/", CreateAsync)
            .RequireAuthorization(DashboardAuth.OwnerPolicy)
            .WithName("CreateRun")
            .WithSummary("Queue a run")
            .WithDescription("Same parameters as the Run page and the bench verb; option names are the bench flags in camelCase.")
            .Accepts<CreateRunRequest>("application/json")
            .RequireJsonContentType()
            .RequireClientLimit(ClientRateLimits.Runs)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        runs.MapGet("/", ListAsync).WithName("ListRuns").WithSummary("Runs, newest first, live and stored");
        runs.MapGet("/{id:long}", GetAsync).WithName("GetRun").WithSummary("One run with its per-strategy statistics")
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapPost("/{id:long}/cancel", CancelAsync).RequireAuthorization(DashboardAuth.OwnerPolicy).WithName("CancelRun").WithSummary("Cancel a queued or running run")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(DashboardAuth.OwnerPolicy).WithName("DeleteRun").WithSummary("Delete a finished run")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapGet("/{id:long}/export/{format}", ExportAsync)
            .WithName("ExportRun")
            .WithSummary("Export a finished run: json (re-importable), csv (?table=statistics|spans), md, trace (Chrome Trace Event JSON for Perfetto), otlp (OTLP/JSON spans: one trace per run)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapTaskWindow();
        runs.MapPost("/import", ImportAsync)
            .RequireAuthorization(DashboardAuth.OwnerPolicy)
            .WithName("ImportRun")
            .WithSummary("Store a run from its full JSON export, under a new id")
            .WithDescription("The body is a document from GET /api/runs/{id}/export/json (formatVersion 1). It is described as a plain object here because the workload parameters inside are polymorphic.")
            .Accepts<JsonElement>("application/json")
            .RequireJsonContentType()
            .RequireClientLimit(ClientRateLimits.Imports)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<Results<Accepted<CreateRunResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, IRunQueue queue, IOptions<ApiLimitsOptions> limits, CancellationToken cancellationToken)
    {
        var maxBytes = limits.Value.MaxRunRequestBytes;
        if (!JsonBody.TryLimit(request.HttpContext, maxBytes))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: $"A run request is at most {JsonBody.Describe(maxBytes)}.");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return MalformedJson(ex);
        }

        using (document)
        {
            var parsed = RunRequestParser.Parse(document.RootElement);
            if (!parsed.IsValid)
            {
                return TypedResults.ValidationProblem(parsed.Errors, title: "The run request is not valid.");
            }

            try
            {
                var run = queue.Enqueue(parsed.Plan!, parsed.Label);
                return TypedResults.Accepted(RunPath(run.Id), RunResponses.Created(run));
            }
            catch (InvalidParametersException ex)
            {
                return TypedResults.ValidationProblem(ex.Errors, title: "The run request is not valid.");
            }
            catch (RunQueueFullException ex)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "The run queue is full", detail: ex.Message);
            }
        }
    }

    private static async Task<Results<Ok<RunListResponse>, ValidationProblem>> ListAsync(
        RunHistory history, CancellationToken cancellationToken,
        string? workload = null, string? state = null, int skip = 0, int take = DefaultTake)
    {
        var errors = new ParameterErrors();
        if (workload is not null && WorkloadCatalog.Find(workload) is null)
        {
            errors.Add("workload", $"Unknown workload '{ValueEcho.Short(workload)}'. Known: {WorkloadCatalog.IdList}.");
        }

        RunState? stateFilter = null;
        if (state is not null)
        {
            if (Enum.TryParse<RunState>(state, ignoreCase: true, out var parsed) && !int.TryParse(state, CultureInfo.InvariantCulture, out _))
            {
                stateFilter = parsed;
            }
            else
            {
                errors.Add("state", $"Unknown state '{ValueEcho.Short(state)}'. Known: {string.Join(", ", Enum.GetValues<RunState>().Select(RunResponses.ToText))}.");
            }
        }

        errors.Range("skip", skip, 0, int.MaxValue / 2);
        errors.Range("take", take, 1, IRunStore.MaxTake);
        var problems = errors.ToDictionary();
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The query is not valid.");
        }

        var page = await history.ListAsync(new RunFilter(workload, stateFilter), skip, take, cancellationToken);
        return TypedResults.Ok(RunResponses.List(page));
    }

    private static async Task<Results<Ok<RunDetailsResponse>, ProblemHttpResult>> GetAsync(
        long id, RunHistory history, RunDetailsCache cache, CancellationToken cancellationToken)
    {
        var details = await cache.FindAsync(id, history, cancellationToken);
        return details is null ? NotFound(id) : TypedResults.Ok(details);
    }

    private static async Task<Results<Accepted<CreateRunResponse>, ProblemHttpResult>> CancelAsync(
        long id, IRunQueue queue, RunHistory history, CancellationToken cancellationToken)
    {
        if (queue.Cancel(id) && queue.Find(id) is { } cancelled)
        {
            return TypedResults.Accepted(RunPath(id), RunResponses.Created(cancelled));
        }

        var known = await history.FindAsync(id, cancellationToken);
        return known is null
            ? NotFound(id)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run cannot be cancelled",
                detail: known.Run.IsFinished
                    ? $"Run {id} has already ended ({RunResponses.ToText(known.Run.State)})."
                    : $"Run {id} is already being cancelled.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, RunHistory history, CancellationToken cancellationToken)
    {
        return await history.DeleteAsync(id, cancellationToken) switch
        {
            DeleteOutcome.Deleted => TypedResults.NoContent(),
            DeleteOutcome.Active => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run is not finished",
                detail: $"Run {id} is queued or running; cancel it first (POST {RunPath(id)}/cancel)."),
            _ => NotFound(id),
        };
    }

    private static async Task<Results<FileContentHttpResult, PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        long id, string format, RunHistory history, TimeProvider time, CancellationToken cancellationToken, string? table = null)
    {
        if (!ExportFormat.All.Contains(format, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["format"] = [$"Unknown export format '{ValueEcho.Short(format)}'. Known: {string.Join(", ", ExportFormat.All)}."] },
                title: "The export format is not valid.");
        }

        if (table is not null && (format != ExportFormat.Csv || table is not ("statistics" or "spans")))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["table"] = ["table applies to csv only: statistics (default) or spans."] },
                title: "The export query is not valid.");
        }

        // Stored spans are decoded as the exporters enumerate them: a million-task run is written as it is read.
        var view = await history.FindForExportAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound(id);
        }

        if (!view.Run.IsFinished)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run is not finished",
                detail: $"Run {id} is {RunResponses.ToText(view.Run.State)}; export it when it has ended.");
        }

        var run = view.Run;
        var name = string.Create(CultureInfo.InvariantCulture, $"run-{id}");
        return format switch
        {
            ExportFormat.Json => TypedResults.Stream(
                body => RunJson.SerializeAsync(body, RunDocument.Create(run, view.Environment, time.GetUtcNow()), indented: true, cancellationToken),
                "application/json", name + ".json"),
            ExportFormat.Csv when table == "spans" => TypedResults.Stream(
                body => StreamedExport.WriteAsync(body, stream => WriteCsvSpans(run, stream), cancellationToken),
                "text/csv; charset=utf-8", name + "-spans.csv"),
            ExportFormat.Csv => TypedResults.File(
                Encoding.UTF8.GetBytes(RunCsv.Statistics(run)), "text/csv; charset=utf-8", name + "-statistics.csv"),
            ExportFormat.Markdown => TypedResults.File(
                Encoding.UTF8.GetBytes(RunMarkdown.Summary(run, view.Environment)), "text/markdown; charset=utf-8", name + ".md"),
            ExportFormat.Otlp => TypedResults.Stream(
                body => StreamedExport.WriteAsync(body, stream => OtlpJsonTrace.Write(run, stream), cancellationToken),
                "application/json", name + "-otlp.json"),
            _ => TypedResults.Stream(
                body => StreamedExport.WriteAsync(body, stream => ChromeTrace.Write(run, stream), cancellationToken),
                "application/json", name + "-trace.json"),
        };
    }

    private static void WriteCsvSpans(RunSummary run, Stream stream)
    {
        // UTF-8 without a byte order mark, as Encoding.UTF8.GetBytes wrote it before.
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024);
        RunCsv.WriteSpans(run, writer);
    }

    private static async Task<Results<Created<CreateRunResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, RunHistory history, IOptions<ApiLimitsOptions> limits, CancellationToken cancellationToken)
    {
        var maxBytes = limits.Value.MaxImportBytes;
        if (!JsonBody.TryLimit(request.HttpContext, maxBytes))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: $"A run document to import is at most {JsonBody.Describe(maxBytes)} (Api:MaxImportBytes).");
        }

        RunDocument document;
        try
        {
            document = await RunJson.DeserializeAsync(request.Body, cancellationToken);
        }
        catch (RunDocumentException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a run document this dashboard can import",
                detail: ex.Message);
        }

        var run = await history.ImportAsync(document, cancellationToken);
        return TypedResults.Created(RunPath(run.Id), RunResponses.Created(run));
    }

    private static ProblemHttpResult MalformedJson(JsonException ex) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
            detail: $"The body is not valid JSON: {ValueEcho.Short(ex.Message, 300)}");

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"There is no run {id}.");
}
