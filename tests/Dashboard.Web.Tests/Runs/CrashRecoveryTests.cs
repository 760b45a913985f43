using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Runs.Lifecycle;
using Dashboard.Web.Storage;
using Dashboard.Web.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Runs;

/// <summary>The real server killed with SIGKILL in the middle of a run, then started again on its data folder.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    // sequential (4 x 300 ms) and async (300 ms) take turns, 20 times: 40 repetitions, about 30 s. Long
    // enough that a test starved by a loaded machine still stops it after its second repetition and
    // before its end (with 3 turns, a load average of 25 let the run complete before the signal).
    private const int Repetitions = 2 * 20;

    private const string LongRun =
        """{"workload":"hello","tasks":4,"strategies":["sequential","async"],"repeat":20,"options":{"delayMs":300}}""";

    private readonly TempFolder _folder = new();
    private readonly string _token = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KillDuringRun_Restart_RunInterruptedWithFinishedRepetitionsStatisticsAndSpans()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        long id;
        int storedBeforeKill;
        await using (var first = await ServerProcess.StartAsync(_folder.Path, _token, ct))
        {
            using var response = await first.Client.PostAsync(
                "/api/runs", new StringContent(LongRun, System.Text.Encoding.UTF8, "application/json"), ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
            id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();

            storedBeforeKill = await WaitForStoredRepetitionsAsync(id, atLeast: 2, ct);
            await first.KillAsync();
        }

        await using var second = await ServerProcess.StartAsync(_folder.Path, _token, ct);
        var run = await second.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", ct);

        Assert.Equal("interrupted", run.GetProperty("state").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.InRange(results.Length, storedBeforeKill, Repetitions - 1);
        Assert.All(results, r => Assert.Equal(4, r.GetProperty("spans").GetInt32()));
        Assert.Equal(4 * results.Length, run.GetProperty("storedEvents").GetInt32());
        var statistics = run.GetProperty("statistics").EnumerateArray().ToDictionary(
            s => s.GetProperty("strategy").GetString()!, s => s.GetProperty("repetitions").GetInt32());
        Assert.True(statistics["sequential"] >= 1, run.ToString());
        Assert.True(statistics["async"] >= 1, run.ToString());
        Assert.Equal(results.Length, statistics.Values.Sum());
    }

    [Fact]
    public async Task SigtermDuringRun_Restart_RunStoredInterruptedByTheStoppingAppWithItsRepetitions()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        long id;
        await using (var first = await ServerProcess.StartAsync(_folder.Path, _token, ct))
        {
            using var response = await first.Client.PostAsync(
                "/api/runs", new StringContent(LongRun, System.Text.Encoding.UTF8, "application/json"), ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
            id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
            await WaitForStoredRepetitionsAsync(id, atLeast: 2, ct);

            var exitCode = await first.TerminateAsync(ct);
            Assert.True(exitCode == 0, first.Output);
        }

        await using var second = await ServerProcess.StartAsync(_folder.Path, _token, ct);
        var run = await second.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", ct);

        // The stopping app stored the run itself: the next start's sweep would not have stored its environment.
        Assert.Equal("interrupted", run.GetProperty("state").GetString());
        Assert.Equal(RunLifecycle.AppStoppedMessage, run.GetProperty("error").GetString());
        Assert.True(run.GetProperty("results").GetArrayLength() >= 2, run.ToString());
        Assert.NotNull(run.GetProperty("environment").GetProperty("operatingSystem").GetString());
        var strategies = run.GetProperty("statistics").EnumerateArray().Select(s => s.GetProperty("strategy").GetString()!).ToArray();
        Assert.Equal(["sequential", "async"], strategies);
    }

    /// <summary>Reads the database the server writes (WAL lets a reader in beside it) until the run has enough repetitions.</summary>
    private async Task<int> WaitForStoredRepetitionsAsync(long id, int atLeast, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_folder.Path, StorageOptions.SqliteFileName);
        while (true)
        {
            if (File.Exists(file))
            {
                try
                {
                    await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT count(*) FROM strategy_results WHERE run_id = $id";
                    command.Parameters.AddWithValue("$id", id);
                    var count = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                    if (count >= atLeast)
                    {
                        return count;
                    }
                }
                catch (SqliteException)
                {
                    // Schema not created yet, or the writer holds a lock for a moment.
                }
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
