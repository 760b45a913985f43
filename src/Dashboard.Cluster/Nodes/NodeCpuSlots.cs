namespace Dashboard.Cluster.Nodes;

/// <summary>The node's CPU slots: how many CPU-bound tasks run at once (see <see cref="NodeOptions.CpuSlots"/>).</summary>
public sealed class NodeCpuSlots(NodeOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Clamp(options.CpuSlots, 1, NodeOptions.MaxCpuSlots));

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    /// <summary>Blocks the calling thread until a slot is free (the blocking-grain lesson only).</summary>
    public void Wait(CancellationToken cancellationToken) => _slots.Wait(cancellationToken);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
