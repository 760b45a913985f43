using System.Collections.Concurrent;
using System.Globalization;

namespace Dashboard.Engine.Workloads;

/// <summary>
/// Appends whole records to one file shared by every task of every strategy, including tasks in
/// other processes, with no torn or lost writes. Two layers:
/// 1. an in-process gate per file, so threads and async tasks queue cheaply instead of spinning
///    on the file lock;
/// 2. an exclusive file lock for the one open-append-close (FileShare.None; on Unix .NET takes
///    an advisory flock(LOCK_EX) that every other .NET process honours), retried briefly while
///    another process holds it. The record goes out in one write while the lock is held.
/// The tutorial's processes appended with no coordination at all; this is the fix.
/// Caveat: DOTNET_SYSTEM_IO_DISABLEFILELOCKING=1 turns .NET's flock off, and with it layer 2.
/// </summary>
internal static class SharedFileAppender
{
    /// <summary>How long a writer keeps trying to get the lock before it gives up with a clear error.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Appends <paramref name="record"/> blocking the calling thread while it waits.</summary>
    public static void Append(string path, ReadOnlySpan<byte> record, CancellationToken cancellationToken)
    {
        var gate = GateOf(path);
        gate.Wait(cancellationToken);
        try
        {
            AppendLocked(path, record, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Appends <paramref name="record"/> without holding a thread while it waits for the gate.</summary>
    public static async ValueTask AppendAsync(string path, ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        var gate = GateOf(path);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The write itself is one small syscall under the lock: doing it synchronously keeps
            // the lock held for the shortest time. Contention from other processes is waited
            // out with Task.Delay, not Thread.Sleep.
            var started = DateTime.UtcNow;
            for (var attempt = 0; ; attempt++)
            {
                if (TryAppendOnce(path, record.Span, started, attempt, cancellationToken))
                {
                    return;
                }

                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The cross-process layer alone: open exclusively, append, close; retry while another
    /// writer (another process, or another FileStream of this one) holds the file.
    /// </summary>
    internal static void AppendLocked(string path, ReadOnlySpan<byte> record, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        for (var attempt = 0; ; attempt++)
        {
            if (TryAppendOnce(path, record, started, attempt, cancellationToken))
            {
                return;
            }

            // Thread.Sleep, not a spin: the holder needs the CPU to finish its write.
            if (cancellationToken.WaitHandle.WaitOne(Backoff(attempt)))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private static bool TryAppendOnce(string path, ReadOnlySpan<byte> record, DateTime started, int attempt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FileStream stream;
        try
        {
            // bufferSize 0: no FileStream buffer, the record goes to the OS in one write.
            stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            if (DateTime.UtcNow - started > LockTimeout)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"Could not lock {Path.GetFileName(path)} for appending within {LockTimeout.TotalSeconds:0} s ({attempt + 1} tries): {e.Message}"), e);
            }

            return false;
        }

        using (stream)
        {
            stream.Write(record);
        }

        return true;
    }

    /// <summary>1, 2, 4 ms, then 4-8 ms with jitter so colliding processes drift apart.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(attempt < 3 ? 1 << attempt : 4 + Random.Shared.Next(5));

    private static SemaphoreSlim GateOf(string path) =>
        Gates.GetOrAdd(Path.GetFullPath(path), static _ => new SemaphoreSlim(1, 1));
}
