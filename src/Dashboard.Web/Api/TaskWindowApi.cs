using Dashboard.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>
/// GET /api/runs/{id}/tasks: one window of at most 10,000 tasks of a finished strategy repetition
/// (by start time or by task index), read as the live page's drill-down reads it
/// (<see cref="TaskWindowReader"/>). Behind the sign-in like the rest of the API; a window the run
/// cannot answer is a 400 with problem details naming the field.
/// </summary>
public static class TaskWindowApi
{
    public static RouteHandlerBuilder MapTaskWindow(this RouteGroupBuilder runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs.MapGet("/{id:long}/tasks", GetAsync)
            .WithName("GetRunTasks")
            .WithSummary("A window of at most 10,000 tasks of a finished strategy repetition: strategy, repetition (default: the last), and from+to (seconds: tasks that started in [from, to)) or first+last (task indices)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<TaskWindowResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        long id, TaskWindowReader reader, CancellationToken cancellationToken,
        string? strategy = null, int? repetition = null, double? from = null, double? to = null, int? first = null, int? last = null)
    {
        var window = new TaskWindow(strategy ?? "", repetition, from, to, first, last);
        var outcome = await reader.ReadAsync(id, window, cancellationToken);
        if (outcome is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"There is no run {id}.");
        }

        if (outcome.Window is not { } read)
        {
            return TypedResults.ValidationProblem(outcome.Errors!, title: "The task window is not valid.");
        }

        return TypedResults.Ok(new TaskWindowResponse(read.RunId, read.Strategy, read.Repetition, read.TaskCount, read.StoredSpans,
            read.Sampled, from, to, first, last, read.Spans.Count, read.Spans));
    }
}
