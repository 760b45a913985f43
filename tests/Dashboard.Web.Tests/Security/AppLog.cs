namespace Dashboard.Web.Tests.Security;

/// <summary>Reads a test app's log file.</summary>
internal static class AppLog
{
    /// <summary>The app's log file once it holds <paramref name="expected"/> (the logger writes asynchronously).</summary>
    public static async Task<string> ReadAsync(string dataFolder, string expected)
    {
        var text = "";
        // Generous: the logger's background writer runs late on a loaded machine.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !text.Contains(expected, StringComparison.Ordinal))
        {
            await Task.Delay(100);
            text = "";
            var logs = Path.Combine(dataFolder, "logs");
            foreach (var file in Directory.Exists(logs) ? Directory.GetFiles(logs, "dashboard-2*.log") : [])
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                text += await reader.ReadToEndAsync();
            }
        }

        return text;
    }
}
