using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Logging;

public sealed class DashboardLoggingTests
{
    [Fact]
    public async Task Logging_RequestAndRun_WrittenToRollingFileUnderDataFolder()
    {
        using var timeout = new CancellationTokenSource(RunTestHelpers.Patience);
        var ct = timeout.Token;
        await using var factory = new DashboardFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), ct);
        var queue = factory.Services.GetRequiredService<IRunQueue>();
        var run = queue.Enqueue(RunTestHelpers.HelloPlan(tasks: 2, delayMs: 1, "sequential"));
        await RunTestHelpers.WaitForStateAsync(queue, run.Id, ct, RunState.Completed);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDirectory, "logs"), "dashboard-*.log"));
        string text;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
        {
            text = await reader.ReadToEndAsync(ct);
        }

        Assert.Contains("HTTP GET / responded", text, StringComparison.Ordinal);
        Assert.Contains($"Run {run.Id} queued", text, StringComparison.Ordinal);
        Assert.Contains($"Run {run.Id} finished Completed", text, StringComparison.Ordinal);
    }
}
