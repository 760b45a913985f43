using System.Text;
using Dashboard.Engine.Running;
using Dashboard.Engine.Strategies;
using Dashboard.Engine.Workloads;
using Dashboard.Web.Runs.Feed;
using Dashboard.Web.Runs.Lifecycle;
namespace Dashboard.Web.Tests.Faults;

/// <summary>
/// Child processes get a clean environment: the app's sign-in token, connection strings and
/// anything named like a secret stay with the app; read from the live workers' and Python twins'
/// /proc/&lt;pid&gt;/environ while their tasks run.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ChildEnvironmentTests
{
    private static readonly Dictionary<string, string> Secrets = new(StringComparer.Ordinal)
    {
        ["Auth__LeakProbe"] = "leaked-auth-value",
        ["ConnectionStrings__LeakProbe"] = "leaked-connection-string",
        ["LAB_LEAK_PROBE_TOKEN"] = "leaked-token-value",
        ["LAB_LEAK_PROBE_PASSWORD"] = "leaked-password-value",
    };

    [Fact]
    public async Task WorkersAndPythonTwins_TheirEnvironmentHasNoSecretOfTheApp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        foreach (var (name, value) in Secrets)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            await using var app = FaultApp.Start();
            var environments = new Dictionary<int, string>();

            // 2 s tasks: each child is alive when its first task starts, long enough to read its environment.
            var plan = new RunPlan(new HelloParameters(2, "Env", DelayMs: 2_000), [StrategyIds.Processes],
                Options: new StrategyOptions(ProcessCount: 2), Runtime: LabRuntime.Both);
            var run = await app.RunToEndAsync(plan, e =>
            {
                if (e is { Type: WireEventConverter.TaskType, Kind: "started", Lane: { } lane }
                    && Lane.Parse(lane).ProcessId is var pid && pid != Environment.ProcessId && !environments.ContainsKey(pid))
                {
                    environments[pid] = ReadEnvironment(pid);
                }
            }, timeout.Token);

            Assert.Equal(RunState.Completed, run.Summary.State);
            Assert.Equal(["processes", "python-processes"], run.Summary.Results.Select(r => r.Strategy).Order());
            Assert.True(environments.Count >= 3, $"read {environments.Count} children's environments");
            Assert.All(environments, child =>
            {
                Assert.Contains("PATH=", child.Value, StringComparison.Ordinal);
                foreach (var (name, value) in Secrets)
                {
                    Assert.DoesNotContain(value, child.Value, StringComparison.Ordinal);
                    Assert.DoesNotContain(name + "=", child.Value, StringComparison.Ordinal);
                }
            });
        }
        finally
        {
            foreach (var name in Secrets.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    private static string ReadEnvironment(int pid)
    {
        // NUL-separated NAME=value pairs; one per line to read.
        var bytes = File.ReadAllBytes($"/proc/{pid}/environ");
        return Encoding.UTF8.GetString(bytes).Replace('\0', '\n');
    }
}
