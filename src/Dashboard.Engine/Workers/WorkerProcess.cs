using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dashboard.Engine.Running;

namespace Dashboard.Engine.Workers;

/// <summary>
/// One running worker process: sends it its job, reads its typed messages, and on cancellation
/// closes its stdin (the worker stops), then force-kills the process tree after a grace period.
/// Disposing always kills a live worker and reaps it.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _gracePeriod;
    private readonly EngineLog? _log;
    private readonly Lock _stdinLock = new();
    private int _stdinClosed;
    private Task _jobWritten = Task.CompletedTask;

    private WorkerProcess(Process process, long startTimestamp, TimeSpan gracePeriod, EngineLog? log)
    {
        _process = process;
        _gracePeriod = gracePeriod;
        _log = log;
        StartTimestamp = startTimestamp;
        ProcessId = process.Id;
    }

    /// <summary>The worker's OS process id.</summary>
    public int ProcessId { get; }

    /// <summary><see cref="MonotonicClock"/> reading taken just before the process was started.</summary>
    public long StartTimestamp { get; }

    /// <summary>Starts a worker and writes <paramref name="job"/> to its stdin (stdin stays open: closing it stops the worker).</summary>
    public static WorkerProcess Start(WorkerLauncher launcher, WorkerJob job, TimeSpan gracePeriod, EngineLog? log = null) =>
        Start(launcher.CreateStartInfo(), JsonSerializer.Serialize(job, WorkerJson.Job), gracePeriod, log);

    /// <summary>
    /// Starts any process that speaks the worker protocol (the Python twins' runner too) and writes
    /// <paramref name="jobLine"/> to its stdin (stdin stays open: closing it stops the process).
    /// </summary>
    public static WorkerProcess Start(ProcessStartInfo info, string jobLine, TimeSpan gracePeriod, EngineLog? log = null)
    {
        info.StandardOutputEncoding = Encoding.UTF8;
        info.StandardErrorEncoding = Encoding.UTF8;
        var process = new Process { StartInfo = info };
        var started = MonotonicClock.Now;
        process.Start();
        var worker = new WorkerProcess(process, started, gracePeriod, log);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} stderr: {Line}", worker.ProcessId, line);
            }
        };
        process.BeginErrorReadLine();

        // Written asynchronously: a large share (tens of thousands of task indices) outgrows the
        // pipe's buffer, and a blocking write would hold up starting the next worker.
        worker._jobWritten = worker.WriteJobAsync(jobLine);
        return worker;
    }

    /// <summary>
    /// Reads messages until the worker closes stdout, then waits for it to exit and returns its exit code.
    /// <paramref name="onMessage"/> runs on the reading thread, one message at a time, in order.
    /// </summary>
    public async Task<int> RunAsync(Action<WorkerMessage> onMessage, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _ = StopAsync());
        var stdout = _process.StandardOutput;
        while (await stdout.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            WorkerMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(line, WorkerJson.Message);
            }
            catch (JsonException e)
            {
                _log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} wrote a line that is not a message ({Error}): {Line}", ProcessId, e.Message, line);
                continue;
            }

            if (message is not null)
            {
                onMessage(message);
            }
        }

        await _jobWritten.ConfigureAwait(false);

        // stdout closes when the process ends; WaitForExit reaps it and collects the exit code.
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>
    /// Hands a pulling worker more tasks (one line on its stdin, written and flushed now: the
    /// worker may be idle until it arrives). False when the worker can no longer take them (it
    /// died, or was stopped).
    /// </summary>
    public bool Send(WorkerTasks tasks)
    {
        // The job goes first; in pull mode it is small, so this wait is over at once.
        if (!_jobWritten.IsCompleted)
        {
            _jobWritten.GetAwaiter().GetResult();
        }

        var line = JsonSerializer.Serialize(tasks, WorkerJson.Tasks);
        lock (_stdinLock)
        {
            if (Volatile.Read(ref _stdinClosed) == 1)
            {
                return false;
            }

            try
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
                return true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                _log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} did not take tasks: {Error}", ProcessId, e.Message);
                return false;
            }
        }
    }

    /// <summary>Asks the worker to stop (closes its stdin) and kills it if it is still alive after the grace period.</summary>
    public async Task StopAsync()
    {
        CloseStdin();
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(_gracePeriod).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} did not stop within {GracePeriod}; killing it", ProcessId, _gracePeriod);
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already disposed: nothing left to stop.
        }
    }

    /// <summary>Kills the worker's whole process tree now.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited between the check and the kill.
        }
    }

    public async ValueTask DisposeAsync()
    {
        CloseStdin();
        try
        {
            if (!_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(_gracePeriod).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            _log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} still alive at dispose; killing it", ProcessId);
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        // Always reap, so no zombie outlives the run.
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private async Task WriteJobAsync(string json)
    {
        try
        {
            await _process.StandardInput.WriteLineAsync(json).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The worker died at once (or was stopped); RunAsync reports its exit code.
            _log?.Invoke(EngineLogLevel.Warning, "Worker {ProcessId} did not take its job: {Error}", ProcessId, e.Message);
        }
    }

    private void CloseStdin()
    {
        if (Interlocked.Exchange(ref _stdinClosed, 1) == 1)
        {
            return;
        }

        try
        {
            lock (_stdinLock)
            {
                _process.StandardInput.Close();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // The pipe is already broken: the worker is gone.
        }
    }
}
