using System.Threading.Channels;

namespace Dashboard.Engine.Strategies;

/// <summary>
/// The task indices 0 to count - 1 as a reader that is already complete: what
/// <see cref="TaskLoop.Of"/> gives for <c>Enumerable.Range(0, count)</c>, without writing every
/// index into a channel first (a million writes before the first task started, inside the
/// repetition's wall) and reading each back through the channel's queue. One reader.
/// </summary>
internal sealed class TaskRange : ChannelReader<int>
{
    private readonly int _count;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;

    public TaskRange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _count = count;
        if (count == 0)
        {
            _drained.SetResult();
        }
    }

    public override bool CanCount => true;

    /// <summary>Indices not yet read.</summary>
    public override int Count => _count - Volatile.Read(ref _next);

    /// <summary>Completes when every index has been read, as a completed channel's reader does.</summary>
    public override Task Completion => _drained.Task;

    public override bool TryRead(out int item)
    {
        var next = _next;
        if (next >= _count)
        {
            item = 0;
            return false;
        }

        item = next;
        Volatile.Write(ref _next, next + 1);
        if (next + 1 == _count)
        {
            _drained.TrySetResult();
        }

        return true;
    }

    /// <summary>True while indices are left; false once all are read (no more will come).</summary>
    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<bool>(cancellationToken)
            : new(Volatile.Read(ref _next) < _count);
}
