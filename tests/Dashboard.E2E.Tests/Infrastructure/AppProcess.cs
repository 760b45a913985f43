using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.E2E.Tests.Infrastructure;

/// <summary>
/// The dashboard started as a person starts it (`dotnet run`, or `dotnet Dashboard.Web.dll` from a
/// published folder), in a real process on a free loopback port: its address and token come from
/// the login link it prints on the console. Killed with its children when disposed.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _login = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => _process = process;

    /// <summary>The login link it printed, e.g. http://127.0.0.1:41234/login?t=TOKEN.</summary>
    public Uri LoginLink { get; private set; } = default!;

    /// <summary>The app's process id (its memory and CPU are read from /proc by benchmarks).</summary>
    public int ProcessId => _process.Id;

    /// <summary>http://127.0.0.1:port/.</summary>
    public Uri BaseAddress => new(LoginLink.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>Everything it printed so far (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The repository's root (where Dashboard.sln is).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Dashboard.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No Dashboard.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>
    /// Starts `dotnet <paramref name="arguments"/>` in <paramref name="workingDirectory"/> with the
    /// environment of this process minus any ASPNETCORE_/DOTNET_ENVIRONMENT (so only what the
    /// command itself chooses counts) plus <paramref name="environment"/>, and waits for its login link.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            var exited = app._process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(app._login.Task, exited);
            if (first != app._login.Task)
            {
                throw new InvalidOperationException($"The app exited before printing its login link:\n{app.Output}");
            }

            app.LoginLink = await app._login.Task;
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (LoginLine().Match(line) is { Success: true } match)
        {
            _login.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Login: (http://127\.0\.0\.1:\d+/login\?t=\S+)")]
    private static partial Regex LoginLine();
}
