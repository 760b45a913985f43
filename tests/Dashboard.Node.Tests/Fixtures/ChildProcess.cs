using System.Diagnostics;

namespace Dashboard.Node.Tests.Fixtures;

/// <summary>A process a test starts: its output lines are kept, and dispose kills and reaps it.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public static ChildProcess Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}"));
    }

    /// <summary>Waits for a line containing <paramref name="text"/>; throws with the output so far when the process exits or time runs out.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Lines().Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                // Exited is not drained: the line may still be in the pipe until the streams end.
                await _process.WaitForExitAsync();
                if (Lines().Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            if (_process.HasExited || clock.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"no line with '{text}' within {timeout} (exited: {_process.HasExited}); output: {string.Join(" | ", Lines().TakeLast(10))}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private IReadOnlyList<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            if (_lines.Count > 500)
            {
                _lines.RemoveAt(0);
            }
        }
    }
}
