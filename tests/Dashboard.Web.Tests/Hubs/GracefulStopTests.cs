using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Runs;
using Dashboard.Web.Tests.Storage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hubs;

/// <summary>The real server stopped with SIGTERM while a SignalR client watches a run.</summary>
public sealed class GracefulStopTests : IDisposable
{
    // Sequential hello, 40 x 500 ms: 20 s, far longer than the test lets it run.
    private const string LongRun =
        """{"workload":"hello","tasks":40,"strategies":["sequential","async"],"options":{"delayMs":500}}""";

    private readonly TempFolder _folder = new();
    private readonly string _token = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sigterm_WhileAWatcherStreamsARun_ItReadsTheInterruptedStateAndTheStreamEndsBeforeTheConnectionCloses()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var server = await ServerProcess.StartAsync(_folder.Path, _token, ct);
        using var response = await server.Client.PostAsync(
            "/api/runs", new StringContent(LongRun, System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Client.BaseAddress!, "hubs/runs"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token))
            .AddJsonProtocol(o => WireJson.Configure(o.PayloadSerializerOptions))
            .Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await connection.StartAsync(ct);

        var states = new List<RunState>();
        var taskDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streamEnded = false;
        var reading = Task.Run(async () =>
        {
            await foreach (var message in connection.StreamAsync<RunFeedMessage>("Watch", id, ct))
            {
                var (run, events) = message switch
                {
                    RunFeedSnapshot s => (s.Run, s.Events),
                    RunFeedBatch b => (b.Run, b.Events),
                    _ => (null, (IReadOnlyList<WireEvent>)[]),
                };
                if (run is not null)
                {
                    states.Add(run.State);
                }

                if (events.Any(e => e.Kind == "completed"))
                {
                    taskDone.TrySetResult();
                }
            }

            // The hub ended the stream itself, after the run's last batch.
            streamEnded = true;
        }, ct);

        // The run is going and the watcher has seen it: a task completed.
        await taskDone.Task.WaitAsync(ct);
        var exitCode = await server.TerminateAsync(ct);
        var readError = await Record.ExceptionAsync(() => reading);

        Assert.True(exitCode == 0, server.Output);
        Assert.True(readError is null, $"the stream broke before it ended: {readError}\n{server.Output}");
        Assert.True(streamEnded);
        Assert.Equal(RunState.Interrupted, states[^1]);
        Assert.DoesNotContain(RunState.Completed, states);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        // The server closed the watching connection itself, after the stream's end, not SignalR's shutdown.
        Assert.Contains("and 1 watching connections closed", server.Output);
    }
}
