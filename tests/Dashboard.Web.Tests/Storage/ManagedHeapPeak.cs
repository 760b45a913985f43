namespace Dashboard.Web.Tests.Storage;

/// <summary>
/// The process's managed heap sampled every 5 ms from a full collection's level on: what a
/// benchmark's step holds at its peak above what was alive before. Figures only (server and client
/// share the test process).
/// </summary>
internal sealed class ManagedHeapPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _done = new();
    private readonly Task _sampler;
    private long _peak;

    private ManagedHeapPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Before = GC.GetTotalMemory(forceFullCollection: true);
        _peak = Before;
        _sampler = Task.Run(async () =>
        {
            while (!_done.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), GC.GetTotalMemory(forceFullCollection: false)));
                await Task.Delay(5);
            }
        });
    }

    /// <summary>Bytes alive before the step (after a full collection).</summary>
    public long Before { get; }

    /// <summary>The highest sample so far.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>Starts sampling after a full collection.</summary>
    public static ManagedHeapPeak Start() => new();

    /// <summary>Stops sampling; <see cref="Peak"/> keeps its last value.</summary>
    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _sampler;
        _done.Dispose();
    }
}
