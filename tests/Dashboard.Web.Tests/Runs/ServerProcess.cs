using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Web.Tests.Runs;

/// <summary>
/// The built app (src/Dashboard.Web/bin/{configuration}/net10.0/Dashboard.Web.dll) as a separate
/// process on a free loopback port and a given data folder, so a test can kill it like a crash does.
/// Every request carries the bearer token the server was started with.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address, string token)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public HttpClient Client { get; }

    /// <summary>The server's console output so far (for a failure message).</summary>
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

    /// <param name="arguments">More command-line settings; a later one wins (e.g. another --urls).</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, string token, CancellationToken cancellationToken, params string[] arguments)
    {
        var dll = FindServerDll();
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.ArgumentList.Add($"--Dashboard:DataDirectory={dataDirectory}");
        start.ArgumentList.Add($"--Auth:Token={token}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument.Replace("{port}", address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, address, token);

        // Always drain both pipes: a full pipe would block the server's logging.
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>kill -9: no shutdown, no flush, nothing of the app runs after it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (what docker stop sends): the host stops gracefully; waits for the process to exit.</summary>
    public async Task<int> TerminateAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start."))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process.HasExited)
            {
                // Exited is not drained: the last lines (the refusal) may still be in the pipes.
                // WaitForExitAsync returns once the redirected streams reached their end.
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
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
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web project's own build output, in the configuration these tests were built in.</summary>
    internal static string FindServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var dll = Path.Combine(folder.FullName, "src", "Dashboard.Web", "bin", configuration, "net10.0", "Dashboard.Web.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"Dashboard.Web.dll ({configuration}) not found above {AppContext.BaseDirectory}; build src/Dashboard.Web first.");
    }
}
