using System.Net;
using System.Net.Sockets;
using Dashboard.Engine.Tests.Fixtures;
using Dashboard.Engine.Workloads;

namespace Dashboard.Engine.Tests.Workloads;

/// <summary>The genre workload against the real simulated targets over loopback HTTP.</summary>
[Collection(SimTargetsCollection.Name)]
public sealed class GenreWorkloadHttpTests(SimTargetsFixture sim) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        sim.SetKnobs(k => k);
        _dir.Dispose();
    }

    private IWorkload Create(int tasks, string? baseUrl = null) =>
        WorkloadFactory.Create(new GenreParameters(tasks), sim.Environment(_dir.Path) with { TargetBaseUrl = baseUrl ?? sim.BaseUrl });

    private static TaskContext Context(int task, CancellationToken cancellationToken = default) => new(task, null, cancellationToken);

    [Fact]
    public async Task RunAsync_ManyTasksAtOnce_WritesOneFilePerTaskWithItsGenre()
    {
        const int Tasks = 50;
        using var workload = Create(Tasks);
        workload.Prepare();

        var genres = await Task.WhenAll(Enumerable.Range(0, Tasks).Select(i => workload.RunAsync(Context(i)).AsTask()));

        var outputs = genres.Select((g, i) => (g, i)).ToDictionary(x => x.i, x => x.g);
        Assert.All(genres, g => Assert.False(string.IsNullOrWhiteSpace(g)));
        Assert.Equal(Tasks, Directory.GetFiles(_dir.Path, "new_file*.txt").Length);
        for (var i = 0; i < Tasks; i++)
        {
            Assert.Equal(genres[i], File.ReadAllText(_dir.File($"new_file{i}.txt")));
        }

        Assert.Equal("ok", workload.Check(outputs));
    }

    [Fact]
    public void Run_BlockingFromManyThreads_WritesOneFilePerTaskAndPassesTheCheck()
    {
        const int Tasks = 20;
        using var workload = Create(Tasks);
        workload.Prepare();
        var outputs = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();

        var threads = Enumerable.Range(0, Tasks)
            .Select(i => new Thread(() => outputs[i] = workload.Run(Context(i))))
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Tasks, outputs.Count);
        Assert.Equal("ok", workload.Check(outputs));
    }

    [Fact]
    public async Task Prepare_SecondRepetition_StartsFromAnEmptyFolder()
    {
        using var workload = Create(3);
        workload.Prepare();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => workload.RunAsync(Context(i)).AsTask()));

        workload.Prepare();
        var only = await workload.RunAsync(Context(1));

        Assert.Equal(["new_file1.txt"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
        Assert.Equal("ok", workload.Check(new Dictionary<int, string> { [1] = only }));
    }

    [Fact]
    public async Task RunAndRunAsync_TargetFails_ThrowHttp500NamingThePathAndWriteNothing()
    {
        sim.SetKnobs(k => k with { FailureRate = 1 });
        using var workload = Create(2);
        workload.Prepare();

        var blocking = Assert.Throws<HttpRequestException>(() => workload.Run(Context(0)));
        var async = await Assert.ThrowsAsync<HttpRequestException>(() => workload.RunAsync(Context(1)).AsTask());

        Assert.Equal("HTTP 500 Internal Server Error from /sim/genre", blocking.Message);
        Assert.Equal("HTTP 500 Internal Server Error from /sim/genre", async.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, async.StatusCode);
        Assert.Empty(Directory.GetFiles(_dir.Path));
        Assert.Equal("ok", workload.Check(new Dictionary<int, string>()));
    }

    [Fact]
    public async Task RunAsync_RateLimited_ThrowsHttp429NamingThePath()
    {
        // 10 requests at once against 1 per second: whatever the window boundaries, most are refused.
        sim.SetKnobs(k => k with { RateLimitPerSecond = 1 });
        using var workload = Create(10);
        workload.Prepare();

        var attempts = Enumerable.Range(0, 10).Select(i => workload.RunAsync(Context(i)).AsTask()).ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (HttpRequestException)
        {
            // Inspected below, per attempt.
        }

        var refused = attempts.Where(a => a.IsFaulted).Select(a => a.Exception!.InnerException!).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, e =>
        {
            var http = Assert.IsType<HttpRequestException>(e);
            Assert.Equal("HTTP 429 Too Many Requests from /sim/genre", http.Message);
            Assert.Equal(HttpStatusCode.TooManyRequests, http.StatusCode);
        });
        var succeeded = attempts.Select((a, i) => (a, i)).Where(x => x.a.IsCompletedSuccessfully).ToDictionary(x => x.i, x => x.a.Result);
        Assert.Equal("ok", workload.Check(succeeded));
    }

    [Fact]
    public async Task RunAndRunAsync_NothingListens_ThrowSayingWhichRequestFailed()
    {
        // A port that was free a moment ago: the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var workload = Create(1, $"http://127.0.0.1:{port}/sim/");
        workload.Prepare();

        var blocking = Assert.Throws<HttpRequestException>(() => workload.Run(Context(0)));
        var async = await Assert.ThrowsAsync<HttpRequestException>(() => workload.RunAsync(Context(0)).AsTask());

        Assert.StartsWith("GET /sim/genre failed: ", blocking.Message, StringComparison.Ordinal);
        Assert.StartsWith("GET /sim/genre failed: ", async.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAndRunAsync_CancelledWhileWaiting_ThrowOperationCanceled()
    {
        sim.SetLatency(30_000);
        using var workload = Create(2);
        workload.Prepare();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var blocking = Task.Run(() => workload.Run(Context(0, cts.Token)));
        var async = workload.RunAsync(Context(1, cts.Token)).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocking);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => async);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
